import type { ConnectorAction } from '../api.js';
import { usesRef, workflowStep } from '../snippets.js';
import { CodeBlock } from './copy-button.js';
import { SchemaView } from './schema-view.js';

interface Props {
  action: ConnectorAction;
  packageName: string;
  version: string;
  /** Triggers start workflows; they are not called from a step. */
  trigger?: 'polling' | 'webhook';
  /** The connection name steps give, when the connector needs one. */
  connection?: string | undefined;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function ActionSection({ action, packageName, version, trigger, connection }: Props) {
  const uses = trigger ? null : usesRef(packageName, action.key, version);
  const headingId = `action-${action.key}-title`;
  const [example] = action.examples;
  return (
    <section class="action panel" id={`action-${action.key}`} aria-labelledby={headingId}>
      <header class="action-head">
        <h3 id={headingId}>{action.title}</h3>
        <code class="action-key">{action.key}</code>
        {trigger && <span class="tag">{trigger} trigger</span>}
      </header>
      {action.description && <p class="action-description">{action.description}</p>}
      {!trigger &&
        (uses ? (
          <div class="uses">
            <span class="uses-label">uses:</span>
            <CodeBlock inline text={uses} label={`uses reference of ${action.key}`} />
          </div>
        ) : (
          <p class="hint">
            Workflows name actions of scoped packages only (a bare name means @mova/connector-&lt;name&gt;); this
            package has no scope.
          </p>
        ))}
      <div class="io">
        <div>
          <h4>Input</h4>
          <SchemaView schema={action.input} kind="input" />
        </div>
        <div>
          <h4>Output</h4>
          <SchemaView schema={action.output} kind="output" />
        </div>
      </div>
      {example ? (
        <details class="example" open>
          <summary>
            <h4>Example{example.title ? `: ${example.title}` : ''}</h4>
          </summary>
          {uses ? (
            <CodeBlock
              text={workflowStep(uses, action.key, example.input, connection)}
              label={`workflow step for ${action.key}`}
            />
          ) : (
            <CodeBlock text={json(example.input)} label={`example input of ${action.key}`} />
          )}
          {example.output !== undefined && (
            <>
              <p class="example-label">Returns</p>
              <CodeBlock text={json(example.output)} label={`example output of ${action.key}`} />
            </>
          )}
        </details>
      ) : (
        <p class="hint">No example in the manifest.</p>
      )}
    </section>
  );
}
