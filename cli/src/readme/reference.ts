import type { Manifest, ManifestAction, ManifestAuth, ManifestTrigger } from '@mova/sdk';
import { fieldRows, fieldTable, typeOf } from './schema-table.js';

/**
 * The README's reference section, rendered from the manifest: connection fields, and for each
 * action and trigger its input and output fields and an example.
 */
export function renderReference(manifest: Manifest): string {
  const parts = [
    `## Reference: ${manifest.title}`,
    manifest.description,
    `Package \`${manifest.package}\` ${manifest.version}, connector \`${manifest.name}\`${network(manifest)}${files(manifest)}.`,
    '_Generated from `mova.manifest.json` by `mova-connector build`: edit the source, not this section._',
    '### Connection',
    ...connection(manifest.auth),
  ];
  if (manifest.actions.length > 0) {
    parts.push('### Actions', ...manifest.actions.flatMap((action) => item(action, 'Output')));
  }
  if (manifest.triggers.length > 0) {
    parts.push('### Triggers', ...manifest.triggers.flatMap((trigger) => item(trigger, 'Emits')));
  }
  return parts.join('\n\n');
}

function network(manifest: Manifest): string {
  const hosts = manifest.network.allow.map((h) => `\`${h}\``).join(', ');
  const fields = (manifest.network.connectionHosts ?? []).map((f) => `\`${f}\``).join(' or ');
  const named = fields && `the host the connection names in ${fields}`;
  if (hosts && named) return `; connects to ${hosts}, or to ${named}`;
  if (hosts || named) return `; connects to ${hosts || named}`;
  return '';
}

/** The files a connector declares (`fs`): the sandbox lets it open those and nothing else. */
function files(manifest: Manifest): string {
  const fields = (manifest.fs?.connectionPaths ?? []).map((f) => `\`${f}\``).join(' or ');
  if (!fields) return '';
  const siblings = (manifest.fs?.siblingSuffixes ?? []).map((s) => `\`${s}\``).join(', ');
  return `; opens only the file the connection names in ${fields}${siblings ? ` and the files beside it ending ${siblings}` : ''}`;
}

const AUTH_NAMES: Record<ManifestAuth['kind'], string> = {
  none: 'No connection is needed.',
  apiKey: 'API key',
  basic: 'User name and password (HTTP basic auth).',
  bearer: 'Bearer token.',
  oauth2: 'OAuth 2.0',
  custom: 'Connection fields:',
};

function connection(auth: ManifestAuth): string[] {
  let summary = AUTH_NAMES[auth.kind];
  if (auth.kind === 'apiKey') {
    summary += `, sent in the \`${auth.name}\` ${auth.in === 'query' ? 'query parameter' : 'header'}`;
    summary += auth.prefix ? ` after \`${auth.prefix}\`.` : '.';
  }
  if (auth.kind === 'oauth2') {
    summary += ` (${(auth.flows ?? []).join(', ')}), token URL ${auth.tokenUrl}`;
    summary += auth.scopes?.length ? `, scopes ${auth.scopes.map((s) => `\`${s}\``).join(', ')}.` : '.';
  }
  const rows = fieldRows(auth.schema);
  return rows.length ? [summary, fieldTable(rows)] : [summary];
}

function item(entry: ManifestAction | ManifestTrigger, outputLabel: string): string[] {
  const kind = 'kind' in entry ? ` (${entry.kind})` : '';
  const parts = [`#### \`${entry.key}\`: ${entry.title}${kind}`];
  if (entry.description) parts.push(entry.description);
  parts.push('**Input**', schemaBlock(entry.input), `**${outputLabel}**`, schemaBlock(entry.output));
  const example = entry.examples[0];
  if (example) {
    const shown = example.output === undefined ? { input: example.input } : example;
    const { title, ...body } = shown;
    parts.push(`**Example${title ? `: ${title}` : ''}**`, `\`\`\`json\n${JSON.stringify(body, null, 2)}\n\`\`\``);
  }
  return parts;
}

function schemaBlock(schema: ManifestAction['input']): string {
  const rows = fieldRows(schema);
  if (rows.length > 0) return fieldTable(rows);
  return schema.type === 'object' ? 'No fields.' : `A value of type ${typeOf(schema)}.`;
}
