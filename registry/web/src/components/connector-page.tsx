import { useEffect, useRef, useState } from 'preact/hooks';
import { connectionSnippet } from '../../../src/marketplace/connection-snippet.js';
import { ApiError, type ConnectorEntry, getConnector } from '../api.js';
import { formatCount } from '../format.js';
import { authLabel, categoryLabel, installCommand } from '../snippets.js';
import { ActionSection } from './action-section.js';
import { ConnectorIcon } from './connector-icon.js';
import { CodeBlock } from './copy-button.js';
import { QualityBreakdown } from './quality.js';
import { SchemaView } from './schema-view.js';
import { Versions } from './versions.js';

type State =
  | { status: 'loading' }
  | { status: 'done'; entry: ConnectorEntry }
  | { status: 'missing'; message: string }
  | { status: 'error'; message: string };

function BackLink() {
  return (
    <nav class="crumbs" aria-label="Breadcrumb">
      <a href="/">← All connectors</a>
    </nav>
  );
}

interface Props {
  name: string;
  /** `#action-<key>` to show one action. */
  hash: string;
  /** Reached from another page of the app (not loaded from the address bar). */
  arrived: boolean;
}

/**
 * What a workflow author puts in the connections file for this connector: the auth kind and the
 * fields of its schema, secrets marked.
 */
function Connection({ entry }: { entry: ConnectorEntry }) {
  const { auth } = entry;
  const snippet = connectionSnippet(entry.name, auth);
  return (
    <section aria-labelledby="connection-title">
      <h2 id="connection-title">Connection</h2>
      {auth.kind === 'none' ? (
        <p>No connection is needed.</p>
      ) : (
        <>
          <p class="schema-lead">
            {authLabel(auth.kind)}
            {auth.kind === 'apiKey' && auth.name ? `, sent in the ${auth.name} ${auth.in ?? 'header'}` : ''}. The
            connection's fields:
          </p>
          <SchemaView schema={auth.schema} kind="input" />
          {snippet && (
            <>
              <p class="connection-how">
                Declare it in the workflow; each step that uses the connector names it with{' '}
                <code>"connection": "{snippet.name}"</code>:
              </p>
              <CodeBlock
                text={JSON.stringify({ connections: snippet.declaration }, null, 2)}
                label="the workflow's connections"
              />
              <p class="connection-how">
                Then give its fields in the connections file (<code>mova-connector run --connections file.json</code>
                ), secrets marked <code>&lt;secret&gt;</code>, or in <code>{snippet.env.split('=')[0]}</code>:
              </p>
              <CodeBlock text={JSON.stringify(snippet.file, null, 2)} label="the connections file entry" />
            </>
          )}
        </>
      )}
    </section>
  );
}

/** Where the connector's sandbox may connect: nothing else leaves it. */
function NetworkAccess({ network }: { network: ConnectorEntry['network'] }) {
  const fields = network.connectionHosts ?? [];
  const hosts = network.allow.includes('*') ? 'any host' : network.allow.join(', ');
  return (
    <span class="network">
      {network.allow.length > 0 ? hosts : 'no declared host'}
      {fields.length > 0 && `; and the host in the connection's ${fields.map((f) => `"${f}"`).join(', ')}`}
    </span>
  );
}

/**
 * The install command: beside the actions on wide screens, right under the title on narrow ones
 * (CSS shows one place; the hidden one is out of the accessibility tree too).
 */
function Install({ entry, id, place }: { entry: ConnectorEntry; id: string; place: string }) {
  return (
    <section class={`panel ${place}`} aria-labelledby={id}>
      <h2 id={id}>Install</h2>
      <CodeBlock inline text={installCommand(entry.name, entry.latestVersion)} label="install command" />
    </section>
  );
}

export function ConnectorPage({ name, hash, arrived }: Props) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    getConnector(name, abort.signal).then(
      (entry) => setState({ status: 'done', entry }),
      (error: Error) => {
        if (abort.signal.aborted) return;
        if (error instanceof ApiError && error.status === 404) setState({ status: 'missing', message: error.message });
        else setState({ status: 'error', message: error.message });
      },
    );
    return () => abort.abort();
  }, [name]);

  // Once loaded, go to the action the address names, or (after following a link) announce the new
  // page to screen readers by moving focus to its title.
  useEffect(() => {
    if (state.status === 'loading') return;
    document.title = state.status === 'done' ? `${state.entry.title} · MOVA connectors` : 'Connector not found';
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (target) target.scrollIntoView();
    else if (arrived) heading.current?.focus();
  }, [state.status, hash, arrived]);

  if (state.status === 'loading') {
    return (
      <div class="connector-page">
        <BackLink />
        <p role="status">Loading {name}…</p>
      </div>
    );
  }
  if (state.status !== 'done') {
    return (
      <div class="connector-page">
        <BackLink />
        <h1 ref={heading} tabIndex={-1}>
          {state.status === 'missing' ? 'Connector not found' : 'Could not load the connector'}
        </h1>
        <p>{state.message}</p>
      </div>
    );
  }

  const { entry } = state;
  return (
    <article class="connector-page">
      <BackLink />
      <header class="connector-head">
        <ConnectorIcon icon={entry.icon} title={entry.title} name={entry.name} large />
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {entry.title}
          </h1>
          <p class="connector-package">
            {entry.name} <span class="tag">v{entry.latestVersion}</span>
          </p>
          <p class="connector-description">{entry.description}</p>
          <ul class="chips" aria-label="Categories and authentication">
            {entry.categories.map((category) => (
              <li key={category}>
                <a href={`/?category=${encodeURIComponent(category)}`}>{categoryLabel(category)}</a>
              </li>
            ))}
            <li class="chip-auth">{authLabel(entry.authKind)}</li>
          </ul>
        </div>
      </header>
      <Install entry={entry} id="install-top-title" place="install-top" />
      {entry.deprecated && (
        <div class="notice" role="note">
          <strong>Deprecated.</strong> {entry.deprecated}
        </div>
      )}
      <div class="connector-layout">
        <div class="connector-main">
          <Connection entry={entry} />
          <section aria-labelledby="actions-title">
            <h2 id="actions-title">{formatCount(entry.actions.length, 'action', 'actions')}</h2>
            {entry.actions.length > 1 && (
              <nav class="toc" aria-label="Actions">
                <ul>
                  {entry.actions.map((action) => (
                    <li key={action.key}>
                      <a href={`#action-${action.key}`}>{action.title}</a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            {entry.actions.map((action) => (
              <ActionSection
                key={action.key}
                action={action}
                packageName={entry.name}
                version={entry.latestVersion}
                connection={connectionSnippet(entry.name, entry.auth)?.name}
              />
            ))}
          </section>
          {entry.triggers.length > 0 && (
            <section aria-labelledby="triggers-title">
              <h2 id="triggers-title">{formatCount(entry.triggers.length, 'trigger', 'triggers')}</h2>
              {entry.triggers.map((trigger) => (
                <ActionSection
                  key={trigger.key}
                  action={trigger}
                  packageName={entry.name}
                  version={entry.latestVersion}
                  trigger={trigger.kind}
                />
              ))}
            </section>
          )}
        </div>
        <aside class="connector-side" aria-label="Install, quality and versions">
          <Install entry={entry} id="install-title" place="install-side" />
          <QualityBreakdown score={entry.quality} criteria={entry.qualityCriteria} />
          <section class="panel" aria-labelledby="details-title">
            <h2 id="details-title">Details</h2>
            <dl class="details">
              <dt>Publisher</dt>
              <dd>{entry.publisher ?? 'unknown'}</dd>
              <dt>Downloads</dt>
              <dd>{entry.downloads}</dd>
              <dt>Authentication</dt>
              <dd>{authLabel(entry.authKind)}</dd>
              <dt>Network access</dt>
              <dd>
                <NetworkAccess network={entry.network} />
              </dd>
              {entry.keywords.length > 0 && (
                <>
                  <dt>Keywords</dt>
                  <dd>{entry.keywords.join(', ')}</dd>
                </>
              )}
            </dl>
          </section>
          <Versions entry={entry} />
        </aside>
      </div>
    </article>
  );
}
