import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectorShortName } from '@mova/runtime/lockfile';
import { compileSchema, type Manifest } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { type EditorConnector, editorSchema } from './editor-schema.js';

const CONNECTORS = fileURLToPath(new URL('../../../connectors', import.meta.url));

/** Every first-party connector's committed manifest, locked as `^<major>`. */
function firstParty(): EditorConnector[] {
  return readdirSync(CONNECTORS).flatMap((name) => {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(join(CONNECTORS, name, 'mova.manifest.json'), 'utf8')) as Manifest;
    } catch {
      return [];
    }
    return [
      {
        package: manifest.package,
        version: manifest.version,
        ranges: [`^${manifest.version.split('.')[0]}`],
        manifest,
      },
    ];
  });
}

function workflowWith(connector: EditorConnector, action: string, input: unknown): unknown {
  const needsConnection = connector.manifest.auth.kind !== 'none';
  return {
    mova: '1.0',
    name: 'example',
    ...(needsConnection ? { connections: { main: { connector: connectorShortName(connector.package) } } } : {}),
    steps: [
      {
        id: 'step',
        uses: `${connectorShortName(connector.package)}/${action}@${connector.ranges[0]}`,
        ...(needsConnection ? { connection: 'main' } : {}),
        with: input,
      },
    ],
  };
}

/** Every string leaf replaced by an expression: what the validator leaves to the run. */
function templated(value: unknown): unknown {
  if (typeof value === 'string') return '{{ inputs.x }}';
  if (Array.isArray(value)) return value.map(templated);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, templated(item)]));
  }
  return value;
}

describe('editorSchema over every first-party connector', () => {
  const connectors = firstParty();
  const check = compileSchema(editorSchema({ connectors }));

  it('reads the committed manifests', () => {
    expect(connectors.length).toBeGreaterThan(40);
  });

  it("accepts each action's own examples, literal and with every text an expression", () => {
    const refused: string[] = [];
    for (const connector of connectors) {
      for (const action of connector.manifest.actions) {
        for (const example of action.examples) {
          for (const input of [example.input, templated(example.input)]) {
            const issues = check(structuredClone(workflowWith(connector, action.key, input)));
            if (issues.length > 0) refused.push(`${connector.package} ${action.key}: ${JSON.stringify(issues[0])}`);
          }
        }
      }
    }
    expect(refused).toEqual([]);
  });

  it('offers the locked polling triggers in "trigger" and checks their input', () => {
    const schema = editorSchema({ connectors }) as {
      $defs: { trigger: { properties: { uses: { examples: string[] } } } };
    };
    expect(schema.$defs.trigger.properties.uses.examples).toContain('github/issues.new@^1');
    const workflow = (withTrigger: unknown) => ({
      mova: '1.0',
      name: 'watch',
      trigger: { uses: 'github/issues.new@^1', connection: 'gh', with: withTrigger },
      connections: { gh: { connector: 'github' } },
      steps: [{ id: 'log', set: '{{ trigger }}' }],
    });
    expect(check(workflow({ owner: 'acme', repo: 'web' }))).toEqual([]);
    expect(check(workflow({ owner: 'acme' })).map((i) => i.pointer)).toContain('/trigger/with/repo');
  });

  it('refuses an empty "with" for an action with required inputs, and a step without its connection', () => {
    const github = connectors.find((c) => c.package === '@mova/connector-github');
    const create = github?.manifest.actions.find((a) => a.key === 'issues.create');
    if (!github || !create) throw new Error('the github connector and its issues.create action are expected');
    const empty = check(workflowWith(github, create.key, {}));
    expect(empty.map((i) => i.pointer)).toEqual(expect.arrayContaining(['/steps/0/with/title']));
    const document = workflowWith(github, create.key, create.examples[0]?.input) as {
      steps: Record<string, unknown>[];
    };
    delete document.steps[0]?.connection;
    expect(check(document).map((i) => i.pointer)).toContain('/steps/0/connection');
  });
});
