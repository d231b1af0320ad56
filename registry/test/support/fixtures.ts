import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Auth, buildManifest, type Connector, defineAction, defineConnector, MANIFEST_FILE, Type } from '@mova/sdk';
import { npm } from './tools.js';

function echoAction(key: string, title: string, description: string) {
  return defineAction({
    key,
    title,
    description,
    input: Type.Object({ text: Type.String({ description: 'What to send' }) }),
    output: Type.Object({ echoed: Type.String() }),
    examples: [{ input: { text: 'hi' }, output: { echoed: 'hi' } }],
    async run({ input }) {
      return { echoed: input.text };
    },
  });
}

/** A chat connector: bearer auth, found by "message". */
export function chatConnector(): Connector {
  return defineConnector({
    name: 'chat-relay',
    title: 'Chat Relay',
    description: 'Relays messages into team chat channels.',
    categories: ['communication'],
    auth: Auth.bearer(),
    actions: [
      echoAction('chat.postMessage', 'Send a message', 'Posts a message to a channel.'),
      echoAction('chat.deleteMessage', 'Delete a message', 'Removes a message from a channel.'),
    ],
  });
}

/** A CRM connector: API key auth, only its description mentions messages. */
export function crmConnector(): Connector {
  return defineConnector({
    name: 'acme-crm',
    title: 'Acme CRM',
    description: 'Contacts and deals in Acme CRM; logs every message sent to a contact.',
    categories: ['crm', 'sales'],
    auth: Auth.apiKey({ in: 'header', name: 'X-Api-Key' }),
    actions: [
      echoAction('contacts.create', 'Create a contact', 'Adds a contact.'),
      echoAction('contacts.search', 'Search contacts', 'Finds contacts by name.'),
      echoAction('deals.create', 'Create a deal', 'Opens a deal.'),
    ],
  });
}

/** A mail connector: basic auth, keywords name its protocol. */
export function mailConnector(): Connector {
  return defineConnector({
    name: 'mailer',
    title: 'Mailer',
    description: 'Sends email through an SMTP relay.',
    categories: ['communication'],
    auth: Auth.basic(),
    actions: [echoAction('email.send', 'Send an email', 'Sends one email.')],
  });
}

export interface PackageSpec {
  name: string;
  version: string;
  keywords?: string[];
  /** The connector whose manifest the package carries; none makes a plain npm package. */
  connector?: Connector;
}

/** Writes a publishable package folder; a connector's manifest is built with the SDK, as `mova-connector build` does. */
export async function writePackage(root: string, spec: PackageSpec): Promise<string> {
  const dir = join(root, `${spec.name.replace(/[@/]/g, '_')}-${spec.version}`);
  await mkdir(dir, { recursive: true });
  const files = ['index.js'];
  if (spec.connector) {
    const manifest = buildManifest(spec.connector, { name: spec.name, version: spec.version });
    await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    files.push(MANIFEST_FILE);
  }
  const pkg = {
    name: spec.name,
    version: spec.version,
    type: 'module',
    main: './index.js',
    license: 'MIT',
    keywords: spec.keywords ?? [],
    files,
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  await writeFile(join(dir, 'index.js'), `export const name = ${JSON.stringify(spec.name)};\n`);
  return dir;
}

/**
 * The body `npm publish` sends (libnpmpublish): the version's metadata and its tarball, packed by
 * the real npm. Used to ask the server what npm's own client-side checks never let through.
 */
export async function publishBody(dir: string, registryUrl: string): Promise<Record<string, unknown>> {
  const packed = await npm(['pack', '--json', '--pack-destination', dir], dir);
  if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout) as { filename: string; shasum: string; integrity: string }[];
  if (!info) throw new Error('npm pack reported nothing');
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
  const tarball = await readFile(join(dir, info.filename));
  const filename = `${pkg.name.replace(/^@[^/]+\//, '')}-${pkg.version}.tgz`;
  return {
    _id: pkg.name,
    name: pkg.name,
    'dist-tags': { latest: pkg.version },
    versions: {
      [pkg.version]: {
        ...pkg,
        _id: `${pkg.name}@${pkg.version}`,
        dist: { shasum: info.shasum, integrity: info.integrity, tarball: `${registryUrl}${pkg.name}/-/${filename}` },
      },
    },
    _attachments: {
      [filename]: {
        content_type: 'application/octet-stream',
        data: tarball.toString('base64'),
        length: tarball.length,
      },
    },
  };
}
