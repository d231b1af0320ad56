import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Auth, buildManifest, type Connector, defineAction, defineConnector, MANIFEST_FILE, Type } from '@mova/sdk';

// Connectors for the marketplace page's browser test: real manifests built by the SDK, with the
// nested schemas, icons, examples and gaps the page has to show, and one whose text attacks it.

// A speech bubble, as a data: URL: the test never loads anything from outside the machine.
const BUBBLE_ICON = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0ea5e9"/><path d="M14 18h36a4 4 0 0 1 4 4v18a4 4 0 0 1-4 4H30l-10 8v-8h-6a4 4 0 0 1-4-4V22a4 4 0 0 1 4-4z" fill="#fff"/></svg>',
).toString('base64')}`;

const Address = Type.Object(
  {
    street: Type.String({ description: 'Street and number' }),
    city: Type.String({ description: 'City or town' }),
    country: Type.Optional(Type.String({ minLength: 2, maxLength: 2, description: 'ISO 3166-1 alpha-2 code' })),
  },
  { description: 'Postal address' },
);

const Contact = Type.Object({
  id: Type.String({ description: 'Contact id' }),
  email: Type.String({ format: 'email' }),
  owner: Type.Union([Type.Object({ login: Type.String({ description: 'Sales rep' }) }), Type.Null()]),
});

const createContact = defineAction({
  key: 'contacts.create',
  title: 'Create a contact',
  description: 'Adds a person to the CRM, with an optional postal address and tags.',
  input: Type.Object({
    email: Type.String({ format: 'email', description: 'Where the contact is reached' }),
    name: Type.Optional(Type.String({ description: 'Full name' })),
    address: Type.Optional(Address),
    tags: Type.Optional(Type.Array(Type.String(), { description: 'Labels to file the contact under', maxItems: 20 })),
    stage: Type.Optional(
      Type.Union([Type.Literal('lead'), Type.Literal('customer')], { description: 'Lifecycle stage', default: 'lead' }),
    ),
  }),
  output: Contact,
  examples: [
    {
      input: { email: 'ada@example.com', name: 'Ada Lovelace', address: { street: '12 St James Sq', city: 'London' } },
      output: { id: 'c_1001', email: 'ada@example.com', owner: null },
    },
  ],
  async run({ input }) {
    return { id: 'c_1001', email: input.email, owner: null };
  },
});

const searchContacts = defineAction({
  key: 'contacts.search',
  title: 'Search contacts',
  description: 'Finds contacts whose name or email contains the text.',
  input: Type.Object({
    text: Type.String({ description: 'Words to look for', minLength: 1 }),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, default: 25, description: 'Most results to return' }),
    ),
  }),
  output: Type.Object({ contacts: Type.Array(Contact), total: Type.Integer() }),
  examples: [{ input: { text: 'ada' }, output: { contacts: [], total: 0 } }],
  async run() {
    return { contacts: [], total: 0 };
  },
});

// No description, no example, no output schema: what the quality score counts against.
const createDeal = defineAction({
  key: 'deals.create',
  title: 'Create a deal',
  input: Type.Object({ contactId: Type.String({ description: 'Contact the deal is with' }), amount: Type.Number() }),
  output: Type.Object({}),
  async run() {
    return {};
  },
});

export function crmConnector(): Connector {
  return defineConnector({
    name: 'acme-crm',
    title: 'Acme CRM',
    description: 'Contacts and deals in Acme CRM.',
    categories: ['crm', 'sales'],
    auth: Auth.apiKey({ in: 'header', name: 'X-Api-Key', validate: async () => {} }),
    actions: [createContact, searchContacts, createDeal],
    network: { allow: ['api.acme-crm.test'] },
  });
}

function echo(key: string, title: string, description: string) {
  return defineAction({
    key,
    title,
    description,
    input: Type.Object({
      channel: Type.String({ description: 'Channel name, without #' }),
      text: Type.String({ description: 'What to send', maxLength: 4000 }),
    }),
    output: Type.Object({ ts: Type.String({ description: 'Message timestamp' }) }),
    examples: [{ input: { channel: 'general', text: 'Deploy done' }, output: { ts: '1700000000.000100' } }],
    async run() {
      return { ts: '1700000000.000100' };
    },
  });
}

export function chatConnector(): Connector {
  return defineConnector({
    name: 'chat-relay',
    title: 'Chat Relay',
    description: 'Relays messages into team chat channels.',
    categories: ['communication'],
    icon: BUBBLE_ICON,
    auth: Auth.bearer({ validate: async () => {} }),
    actions: [
      echo('chat.postMessage', 'Send a message', 'Posts a message to a channel.'),
      echo('chat.deleteMessage', 'Delete a message', 'Removes a message from a channel.'),
    ],
  });
}

export function mailConnector(): Connector {
  return defineConnector({
    name: 'mailer',
    title: 'Mailer',
    description: 'Sends email through an SMTP relay.',
    categories: ['communication'],
    auth: Auth.basic(),
    actions: [echo('email.send', 'Send an email', 'Sends one email.')],
  });
}

/** Manifest text that would run script if the page put it into HTML unescaped. */
export const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Evil';

export function hostileConnector(): Connector {
  return defineConnector({
    name: 'evil',
    title: HOSTILE_TITLE,
    description: '<script>window.__pwned=2</script><b>bold?</b>',
    categories: ['security'],
    icon: 'javascript:window.__pwned=3',
    auth: Auth.none(),
    actions: [
      defineAction({
        key: 'x.run',
        title: '<svg onload="window.__pwned=4">',
        description: '<a href="javascript:window.__pwned=5">click</a>',
        input: Type.Object({ '<i>field</i>': Type.String({ description: '<img src=y onerror="window.__pwned=6">' }) }),
        output: Type.Object({ ok: Type.Boolean() }),
        examples: [{ input: { '<i>field</i>': '</code><script>window.__pwned=7</script>' }, output: { ok: true } }],
        async run() {
          return { ok: true };
        },
      }),
    ],
  });
}

export interface ConnectorPackage {
  name: string;
  version: string;
  connector: Connector;
  keywords?: string[];
  /** Ships a README.md. */
  readme?: boolean;
  /** Records that tests ran at publish, as `mova-connector publish` does in package.json. */
  testsRan?: boolean;
}

/** Writes a publishable connector package: its manifest built by the SDK, as `mova-connector build` does. */
export async function writeConnectorPackage(root: string, spec: ConnectorPackage): Promise<string> {
  const dir = join(root, `${spec.name.replace(/[@/]/g, '_')}-${spec.version}`);
  await mkdir(dir, { recursive: true });
  const manifest = buildManifest(spec.connector, { name: spec.name, version: spec.version });
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(join(dir, 'index.js'), 'export default {};\n');
  if (spec.readme) await writeFile(join(dir, 'README.md'), `# ${spec.name}\n`);
  const pkg = {
    name: spec.name,
    version: spec.version,
    type: 'module',
    main: './index.js',
    license: 'MIT',
    keywords: ['mova-connector', ...(spec.keywords ?? [])],
    files: ['index.js', MANIFEST_FILE],
    scripts: { test: 'vitest run' },
    ...(spec.testsRan ? { mova: { checks: { skipped: false, typecheck: 'passed', testFiles: 2, tests: 8 } } } : {}),
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  return dir;
}
