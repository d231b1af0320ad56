import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Manifest, validateManifest } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { connectorIndex, connectorPage, installCommand, majorRange, usesName, usesRef } from './connector-pages.js';
import { repoRoot } from './paths.js';

const schema = 'https://json-schema.org/draft/2020-12/schema';

/** A third-party connector with an API key, one action and one polling trigger. */
const crm: Manifest = {
  $schema: 'https://mova.dev/schemas/manifest/v1.json',
  manifestVersion: 1,
  name: 'crm',
  package: '@acme/connector-crm',
  version: '2.3.1',
  title: 'Acme CRM',
  description: 'Deals and contacts in Acme CRM.',
  categories: ['sales'],
  auth: {
    kind: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    validate: true,
    schema: {
      $schema: schema,
      type: 'object',
      required: ['apiKey'],
      properties: { apiKey: { type: 'string', minLength: 1, writeOnly: true, description: 'API key' } },
    },
  },
  actions: [
    {
      key: 'deals.create',
      title: 'Create a deal',
      description: 'Opens a deal; its <stage> is "open" | "won".',
      input: {
        $schema: schema,
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', description: 'Deal name' },
          contact: {
            type: 'object',
            description: 'Who it is with',
            required: ['email'],
            properties: { email: { type: 'string', format: 'email', description: 'Email' } },
          },
        },
      },
      output: {
        $schema: schema,
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', description: 'Deal id' } },
      },
      examples: [
        { title: 'A small deal', input: { name: 'Kettles' }, output: { id: 'd_1' } },
        { input: { name: 'Pots', contact: { email: 'a@example.com' } }, output: { id: 'd_2' } },
      ],
    },
  ],
  triggers: [
    {
      key: 'deals.won',
      kind: 'polling',
      dedupe: { by: 'id', field: 'id' },
      title: 'Deal won',
      description: 'Emits each deal when it is won.',
      input: { $schema: schema, type: 'object', properties: {} },
      output: {
        $schema: schema,
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', description: 'Deal id' } },
      },
      examples: [{ input: {}, output: { id: 'd_1' } }],
    },
  ],
  network: { allow: ['api.acme.example'] },
  sdkVersion: '0.1.0',
};

describe('naming', () => {
  it('uses the bare name for first-party packages and the package name otherwise', () => {
    expect(usesName({ name: 'github', package: '@mova/connector-github' })).toBe('github');
    expect(usesName(crm)).toBe('@acme/connector-crm');
    expect(usesRef(crm, 'deals.create')).toBe('@acme/connector-crm/deals.create@^2');
    expect(installCommand(crm)).toBe('mova-connector install @acme/connector-crm@^2');
  });

  it('takes the major of a version, and refuses what is not one', () => {
    expect(majorRange('0.4.0')).toBe('^0');
    expect(() => majorRange('latest')).toThrow('"latest" is not a semver version');
  });
});

describe('connectorPage', () => {
  it('is rendered from a valid manifest', () => {
    expect(validateManifest(crm)).toEqual([]);
  });

  const page = connectorPage(crm).content;

  it('shows the install command, the connection and the network', () => {
    expect(connectorPage(crm).path).toBe('connectors/crm.md');
    expect(page).toContain('```sh\nmova-connector install @acme/connector-crm@^2\n```');
    expect(page).toContain('An API key, sent in the `X-Api-Key` header.');
    expect(page).toContain(
      '| `apiKey` | string | yes | API key. Secret: redacted from logs and run records. Not empty. |',
    );
    expect(page).toContain('`MOVA_CONNECTION_CRM`');
    expect(page).toContain('- Hosts: `api.acme.example`');
  });

  it('gives every action its uses reference, field tables with nested fields, and each example as JSON', () => {
    expect(page).toContain('### `deals.create`');
    expect(page).toContain('**Create a deal.** Opens a deal; its &lt;stage> is "open" | "won".');
    expect(page).toContain('`"uses": "@acme/connector-crm/deals.create@^2"`');
    expect(page).toContain('| `contact.email` | string (email) | yes | Email |');
    expect(page).toContain('#### Example: A small deal\n\n```json\n{\n  "input": {\n    "name": "Kettles"\n  },');
    expect(page).toContain('#### Example 2');
    expect(page).toContain('"email": "a@example.com"');
  });

  it('writes a workflow snippet that declares and uses the connection', () => {
    const snippet = /## Use it in a workflow\n\n```json\n([\s\S]*?)\n```/.exec(page)?.[1] ?? '';
    expect(JSON.parse(snippet)).toEqual({
      connections: { crm: { connector: '@acme/connector-crm' } },
      steps: [
        {
          id: 'deals_create',
          uses: '@acme/connector-crm/deals.create@^2',
          connection: 'crm',
          with: { name: 'Kettles' },
        },
      ],
    });
  });

  it('lists triggers with their kind, dedupe and emitted items', () => {
    expect(page).toContain('## Triggers');
    expect(page).toContain('### `deals.won`');
    expect(page).toContain('Items are told apart by the id in `id`.');
    expect(page).toContain('#### Emits\n\nEach emitted item:\n\n| Field |');
  });
});

describe('connectorIndex', () => {
  it('has one row per connector with its install reference', () => {
    const index = connectorIndex([crm]).content;
    expect(index).toContain(
      '| [Acme CRM](./crm) | Deals and contacts in Acme CRM. | API key | 1 | 1 | `@acme/connector-crm@^2` |',
    );
  });
});

describe('a real connector', () => {
  it('renders every action of the GitHub manifest with its reference and examples', async () => {
    const manifest = JSON.parse(
      await readFile(join(repoRoot, 'connectors/github/mova.manifest.json'), 'utf8'),
    ) as Manifest;
    const page = connectorPage(manifest).content;
    for (const action of manifest.actions) {
      expect(page).toContain(`### \`${action.key}\``);
      expect(page).toContain(`"uses": "github/${action.key}@^1"`);
    }
    const examples = [...manifest.actions, ...manifest.triggers].reduce((n, a) => n + a.examples.length, 0);
    expect(page.match(/^#### Example/gm)).toHaveLength(examples);
  });
});
