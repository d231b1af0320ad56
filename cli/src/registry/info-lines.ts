import { type ConnectionSnippet, type ConnectorEntry, connectionSnippet } from '@mova/registry';
import { type AuthField, authFields } from './auth-fields.js';
import { installCommand, usesReference } from './names.js';
import { columns } from './table.js';

/** What `info` shows: the marketplace entry plus the connection fields and how to use it. */
export interface ConnectorInfo extends ConnectorEntry {
  /** The connection as the manifest declares it, with its fields in reading order. */
  auth: ConnectorEntry['auth'] & { fields: AuthField[] };
  install: string;
  /** A `uses:` for the first action; null for a connector with triggers only. */
  uses: string | null;
  /** The connection to declare and fill in, as JSON to write; null when the connector needs none. */
  connection: ConnectionSnippet | null;
}

export function connectorInfo(entry: ConnectorEntry): ConnectorInfo {
  const first = entry.actions[0];
  return {
    ...entry,
    auth: { ...entry.auth, fields: authFields(entry.auth) },
    install: installCommand(entry.name, entry.latestVersion),
    uses: first ? usesReference(entry.name, first.key, entry.latestVersion) : null,
    connection: connectionSnippet(entry.name, entry.auth),
  };
}

/** `2026-11-25T01:30:12.345Z` as `2026-11-25 01:30 UTC`. */
function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '-';
}

function indent(lines: string[]): string[] {
  return lines.map((line) => `  ${line}`);
}

/** The connector as text, section by section. */
export function infoLines(info: ConnectorInfo): string[] {
  const lines = [`${info.name} ${info.latestVersion}: ${info.title}`, info.description];
  if (info.deprecated) lines.push(`DEPRECATED: ${info.deprecated}`);
  lines.push(
    '',
    ...columns([
      ['categories', info.categories.join(', ') || '-'],
      ['publisher', info.publisher ?? '-'],
      ['downloads', String(info.downloads)],
      ['keywords', info.keywords.join(', ') || '-'],
    ]),
  );
  lines.push('', `Connection (${info.auth.kind})`);
  if (info.auth.fields.length === 0) lines.push('  no fields');
  else {
    const rows = info.auth.fields.map((field) => [
      field.name,
      [field.required ? 'required' : 'optional', ...(field.secret ? ['secret'] : [])].join(', '),
      field.description ?? '',
    ]);
    lines.push(...indent(columns(rows)));
  }
  if (info.connection) lines.push(...connectionLines(info.connection));
  lines.push('', 'Network access (its sandbox reaches nothing else)', ...indent(networkLines(info.network)));
  lines.push('', `Actions (${info.actions.length})`);
  lines.push(...indent(columns(info.actions.map((action) => [action.key, action.title]))));
  if (info.triggers.length > 0) {
    lines.push('', `Triggers (${info.triggers.length})`);
    const rows = info.triggers.map((trigger) => [trigger.key, `${trigger.title} (${trigger.kind})`]);
    lines.push(...indent(columns(rows)));
  }
  lines.push('', `Versions (${info.versions.length})`);
  const versions = info.versions.map((version) => [
    version.version,
    when(version.publishedAt),
    version.publisher ?? '-',
    [version.valid ? '' : 'not a valid connector', version.deprecated ? `deprecated: ${version.deprecated}` : '']
      .filter(Boolean)
      .join('; '),
  ]);
  lines.push(...indent(columns(versions)));
  lines.push('', `Install  ${info.install}`);
  if (info.uses) {
    const connection = info.connection ? `, "connection": "${info.connection.name}"` : '';
    lines.push(`Use      "uses": "${info.uses}"${connection}`);
  }
  return lines;
}

/** The hosts a connector may reach, in words: the declared ones and the connection fields that name more. */
export function networkLines(network: ConnectorInfo['network']): string[] {
  const lines = [network.allow.length > 0 ? `hosts        ${network.allow.join(', ')}` : 'hosts        none declared'];
  const fields = network.connectionHosts ?? [];
  if (fields.length > 0) lines.push(`and the host in the connection's ${fields.map((f) => `"${f}"`).join(', ')}`);
  return lines;
}

/** What to write for the connection: the workflow's declaration, and the fields, as JSON. */
function connectionLines(connection: ConnectionSnippet): string[] {
  const file = JSON.stringify(connection.file, null, 2).split('\n');
  return [
    '',
    `  In the workflow: "connections": ${JSON.stringify(connection.declaration)}, and "connection": "${connection.name}" on its steps.`,
    '  In a connections file (run --connections <file>), secrets marked <secret>:',
    ...file.map((line) => `    ${line}`),
    `  Or in the environment: ${connection.env}`,
  ];
}
