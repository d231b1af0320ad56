import type { Manifest, ManifestAction, ManifestAuth, ManifestTrigger } from '@mova/sdk';
import { blocks, code, fence, frontMatter, jsonBlock, link, table, text } from './markdown.js';
import type { Page, SidebarItem } from './page.js';
import { fieldRows, fieldTable, objectRules, schemaSection } from './schema-fields.js';

const FIRST_PARTY_SCOPE = '@mova/connector-';

/**
 * How workflows name the connector: the bare name for first-party packages (`github`), the
 * package name for everyone else (`@acme/connector-crm`).
 */
export function usesName(manifest: Pick<Manifest, 'name' | 'package'>): string {
  return manifest.package === `${FIRST_PARTY_SCOPE}${manifest.name}` ? manifest.name : manifest.package;
}

/** The caret range of a version's major: `1.4.2` → `^1`. */
export function majorRange(version: string): string {
  const major = /^(\d+)\./.exec(version)?.[1];
  if (major === undefined) throw new Error(`"${version}" is not a semver version`);
  return `^${major}`;
}

/** What a workflow's `uses` says to run one action of this connector version's major. */
export function usesRef(manifest: Manifest, key: string): string {
  return `${usesName(manifest)}/${key}@${majorRange(manifest.version)}`;
}

export function installCommand(manifest: Manifest): string {
  return `mova-connector install ${usesName(manifest)}@${majorRange(manifest.version)}`;
}

/** One page per connector, everything rendered from its manifest. */
export function connectorPage(manifest: Manifest): Page {
  const content = blocks(
    frontMatter({ title: `${manifest.title} connector`, outline: 'deep' }),
    `# ${text(manifest.title)}`,
    text(manifest.description),
    facts(manifest),
    '## Install',
    fence('sh', installCommand(manifest)),
    `Resolves the newest ${code(majorRange(manifest.version))} version in the MOVA registry and pins it, with its integrity hash, in ${code('mova.lock.json')}. This needs a registry that holds ${code(manifest.package)}; see ${link('Getting started', '../guide/getting-started#install-a-connector')}.`,
    manifest.actions[0] && '## Use it in a workflow',
    manifest.actions[0] && jsonBlock(workflowSnippet(manifest, manifest.actions[0])),
    '## Connection',
    ...connection(manifest),
    '## Network',
    network(manifest),
    manifest.actions.length > 0 && '## Actions',
    manifest.actions.length > 0 && summaryTable(manifest, manifest.actions),
    ...manifest.actions.flatMap((action) => entry(manifest, action)),
    manifest.triggers.length > 0 && '## Triggers',
    manifest.triggers.length > 0 && summaryTable(manifest, manifest.triggers),
    ...manifest.triggers.flatMap((trigger) => entry(manifest, trigger)),
    `_Generated from ${code('mova.manifest.json')} of ${code(`${manifest.package}@${manifest.version}`)}._`,
  );
  return { path: `connectors/${manifest.name}.md`, content };
}

/** The connectors' index: one row per connector. */
export function connectorIndex(manifests: Manifest[]): Page {
  const rows = manifests.map((m) => [
    link(m.title, `./${m.name}`),
    text(m.description),
    AUTH_KINDS[m.auth.kind],
    String(m.actions.length),
    String(m.triggers.length),
    code(`${usesName(m)}@${majorRange(m.version)}`),
  ]);
  const content = blocks(
    frontMatter({ title: 'Connectors' }),
    '# Connectors',
    `The first-party connectors of this repository, ${manifests.length} in all. Each page is generated from the connector's ${code('mova.manifest.json')}: its connection fields, every action and trigger with its input and output fields, examples, and the hosts it may reach.`,
    table(['Connector', 'What it does', 'Connection', 'Actions', 'Triggers', 'Install'], rows),
  );
  return { path: 'connectors/index.md', content };
}

export function connectorSidebar(manifests: Manifest[]): SidebarItem[] {
  return [
    { text: 'All connectors', link: '/connectors/' },
    ...manifests.map((m) => ({ text: m.title, link: `/connectors/${m.name}` })),
  ];
}

const AUTH_KINDS: Record<ManifestAuth['kind'], string> = {
  none: 'none',
  apiKey: 'API key',
  basic: 'user and password',
  bearer: 'bearer token',
  oauth2: 'OAuth 2.0',
  custom: 'custom fields',
};

function facts(manifest: Manifest): string {
  const rows = [
    ['Package', `${code(manifest.package)} ${text(manifest.version)}`],
    ['In workflows', code(`${usesName(manifest)}/<action>@${majorRange(manifest.version)}`)],
    ['Categories', manifest.categories.map(text).join(', ') || 'none'],
    ['Connection', AUTH_KINDS[manifest.auth.kind]],
    ['Actions and triggers', `${manifest.actions.length} and ${manifest.triggers.length}`],
  ];
  return rows.map(([name, value]) => `- **${name}:** ${value}`).join('\n');
}

function workflowSnippet(manifest: Manifest, action: ManifestAction): Record<string, unknown> {
  const name = usesName(manifest);
  const needsConnection = manifest.auth.kind !== 'none';
  const step: Record<string, unknown> = { id: stepId(action.key), uses: usesRef(manifest, action.key) };
  if (needsConnection) step.connection = connectionName(manifest);
  const example = action.examples[0];
  if (example) step.with = example.input;
  return {
    ...(needsConnection ? { connections: { [connectionName(manifest)]: { connector: name } } } : {}),
    steps: [step],
  };
}

/** Step ids allow letters, digits and `_` only. */
function stepId(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, '_');
}

function connectionName(manifest: Manifest): string {
  return manifest.name;
}

function connection(manifest: Manifest): string[] {
  const auth = manifest.auth;
  const parts = [authSummary(auth)];
  const rows = fieldRows(auth.schema);
  if (rows.length > 0) {
    parts.push(fieldTable(rows));
    const rules = objectRules(auth.schema);
    if (rules.length > 0) parts.push(rules.map((rule) => `- ${rule}`).join('\n'));
  }
  if (auth.validate) parts.push('The connector can test a connection with one cheap call before a workflow uses it.');
  if (auth.kind !== 'none') {
    const variable = `MOVA_CONNECTION_${connectionName(manifest)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '_')}`;
    parts.push(
      `A workflow declares the connection under ${code('connections')} and names it in each step's ${code('connection')}; the runtime reads its fields from the environment (${code(variable)} holding ${code(`{"connector":"${usesName(manifest)}","auth":{...}}`)}) or a connections file. See ${link('Connections, secrets and the environment', '../workflow/#connections-secrets-and-the-environment')}.`,
    );
  }
  return parts;
}

function authSummary(auth: ManifestAuth): string {
  switch (auth.kind) {
    case 'none':
      return 'No connection is needed.';
    case 'apiKey': {
      const where = auth.in === 'query' ? 'query parameter' : 'header';
      const prefix = auth.prefix ? ` after ${code(auth.prefix)}` : '';
      return `An API key, sent in the ${code(auth.name ?? '')} ${where}${prefix}.`;
    }
    case 'basic':
      return 'A user name and password (HTTP basic auth).';
    case 'bearer':
      return 'A bearer token.';
    case 'oauth2': {
      const parts = [`OAuth 2.0 (${(auth.flows ?? []).map(code).join(', ')})`];
      if (auth.authorizationUrl) parts.push(`authorization URL ${code(auth.authorizationUrl)}`);
      if (auth.tokenUrl) parts.push(`token URL ${code(auth.tokenUrl)}`);
      if (auth.scopes?.length) parts.push(`scopes ${auth.scopes.map(code).join(', ')}`);
      return `${parts.join(', ')}.`;
    }
    case 'custom':
      return 'The connection has these fields:';
  }
}

function network(manifest: Manifest): string {
  const lines: string[] = [];
  const hosts = manifest.network.allow;
  if (hosts.includes('*')) lines.push("- Any host: this is a generic connector; the runtime's own allow-list decides.");
  const named = hosts.filter((h) => h !== '*');
  if (named.length > 0) lines.push(`- Hosts: ${named.map(code).join(', ')}`);
  const fields = manifest.network.connectionHosts ?? [];
  if (fields.length > 0) {
    lines.push(`- The host named in the connection's ${fields.map(code).join(' or ')} field`);
  }
  if (lines.length === 0) lines.push('- None: the connector makes no network calls.');
  return `The sandbox lets the connector reach only these; it blocks everything else.\n\n${lines.join('\n')}`;
}

function summaryTable(manifest: Manifest, entries: (ManifestAction | ManifestTrigger)[]): string {
  return table(
    ['Key', 'What it does', 'Reference'],
    entries.map((e) => [link(e.key, `#${anchor(e.key)}`), text(e.title), code(usesRef(manifest, e.key))]),
  );
}

/** VitePress's heading slug for a key heading such as `issues.create`. */
function anchor(key: string): string {
  return key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function entry(manifest: Manifest, item: ManifestAction | ManifestTrigger): string[] {
  const trigger = 'kind' in item ? item : undefined;
  const parts = [
    `### ${code(item.key)}`,
    `**${text(item.title)}.**${item.description ? ` ${text(item.description)}` : ''}`,
  ];
  if (trigger) parts.push(triggerFacts(trigger));
  else parts.push(`${code(`"uses": "${usesRef(manifest, item.key)}"`)}`);
  parts.push('#### Input', schemaSection(item.input), trigger ? '#### Emits' : '#### Output');
  if (trigger) parts.push('Each emitted item:');
  parts.push(schemaSection(item.output));
  item.examples.forEach((example, i) => {
    const { title, ...body } = example;
    const name = title ? `Example: ${text(title)}` : item.examples.length > 1 ? `Example ${i + 1}` : 'Example';
    parts.push(`#### ${name}`, jsonBlock(body));
  });
  return parts;
}

function triggerFacts(trigger: ManifestTrigger): string {
  const kind =
    trigger.kind === 'polling'
      ? 'A polling trigger: the runtime calls it on a schedule and emits only items it has not seen.'
      : 'A webhook trigger: the service calls MOVA, and each delivery becomes items.';
  const dedupe = trigger.dedupe
    ? ` Items are told apart by ${trigger.dedupe.by === 'id' ? 'the id in' : 'the timestamp in'} ${code(trigger.dedupe.field)}.`
    : '';
  return `${kind}${dedupe}`;
}
