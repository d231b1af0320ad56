import { Auth, buildManifest, defineAction, defineConnector, defineTrigger, type Manifest, Type } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { renderReference } from './reference.js';

const auth = Auth.apiKey({ in: 'header', name: 'X-Api-Key', description: 'Key from the settings page' });

const createContact = defineAction({
  auth,
  key: 'contacts.create',
  title: 'Create a contact',
  description: 'Adds a contact.',
  input: Type.Object({ email: Type.String({ format: 'email', description: 'Where to write' }) }),
  output: Type.Object({ id: Type.String({ description: 'New id' }) }),
  examples: [{ input: { email: 'ada@example.com' }, output: { id: 'c_1' } }],
  async run() {
    return { id: 'c_1' };
  },
});

const newContact = defineTrigger({
  auth,
  kind: 'polling',
  key: 'contacts.new',
  title: 'New contact',
  input: Type.Object({}),
  output: Type.Object({ id: Type.String() }),
  dedupe: { by: 'id', field: 'id' },
  async poll() {
    return [];
  },
});

const manifest = buildManifest(
  defineConnector({
    name: 'acme',
    title: 'Acme CRM',
    description: 'Contacts in Acme.',
    categories: ['crm'],
    auth,
    actions: [createContact],
    triggers: [newContact],
    network: { allow: ['api.acme.test'] },
  }),
  { name: '@acme/connector-crm', version: '1.2.0' },
);

describe('renderReference', () => {
  const text = renderReference(manifest);

  it('starts with the title, description, package and network', () => {
    expect(text).toMatch(/^## Reference: Acme CRM\n\nContacts in Acme\.\n\n/);
    expect(text).toContain('Package `@acme/connector-crm` 1.2.0, connector `acme`; connects to `api.acme.test`.');
  });

  it('names the hosts the connection points at, beside or instead of fixed ones', () => {
    const withHosts = (network: Manifest['network']) => renderReference({ ...manifest, network });
    expect(withHosts({ allow: ['api.acme.test'], connectionHosts: ['baseUrl'] })).toContain(
      'connects to `api.acme.test`, or to the host the connection names in `baseUrl`.',
    );
    expect(withHosts({ allow: [], connectionHosts: ['host', 'url'] })).toContain(
      'connector `acme`; connects to the host the connection names in `host` or `url`.',
    );
    expect(withHosts({ allow: [] })).toContain('connector `acme`.\n');
  });

  it('names the file the connection points at, for a connector that declares files', () => {
    const withFiles = renderReference({
      ...manifest,
      network: { allow: [] },
      fs: { connectionPaths: ['filename'], siblingSuffixes: ['-journal', '.lock'] },
    });
    expect(withFiles).toContain(
      'connector `acme`; opens only the file the connection names in `filename` and the files beside it ending `-journal`, `.lock`.',
    );
  });

  it('describes the connection with its auth kind and fields', () => {
    expect(text).toContain('API key, sent in the `X-Api-Key` header.');
    expect(text).toContain('| `apiKey` | string | yes | Key from the settings page. Secret: never logged. |');
  });

  it('gives each action its input and output tables and an example', () => {
    expect(text).toContain('#### `contacts.create`: Create a contact\n\nAdds a contact.');
    expect(text).toContain('**Input**\n\n| Field | Type | Required | Description |');
    expect(text).toContain('| `email` | string (email) | yes | Where to write |');
    expect(text).toContain('**Output**');
    expect(text).toContain('| `id` | string | yes | New id |');
    expect(text).toContain('"email": "ada@example.com"');
  });

  it('lists triggers with their kind and what they emit', () => {
    expect(text).toContain('### Triggers\n\n#### `contacts.new`: New contact (polling)');
    expect(text).toContain('**Input**\n\nNo fields.');
    expect(text).toContain('**Emits**');
  });
});

describe('the reference of a field with a default', () => {
  it('is optional, and says its default', () => {
    const list = defineAction({
      key: 'contacts.list',
      title: 'List contacts',
      description: 'Lists contacts.',
      input: Type.Object({ limit: Type.Integer({ default: 50, description: 'At most this many' }) }),
      output: Type.Object({ count: Type.Integer() }),
      examples: [{ input: {}, output: { count: 0 } }],
      async run() {
        return { count: 0 };
      },
    });
    const built = buildManifest(
      defineConnector({
        name: 'acme',
        title: 'A',
        description: 'A.',
        categories: [],
        auth: Auth.none(),
        actions: [list],
      }),
      { name: '@acme/connector-acme', version: '1.0.0' },
    );
    expect(renderReference(built)).toContain('| `limit` | integer | no | At most this many. Default: `50`. |');
  });
});
