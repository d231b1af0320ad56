import type { JsonSchema, ManifestAuth } from '@mova/sdk';

// Pure functions of a package name and its connection schema, shared by the marketplace page (bundled
// for the browser) and `mova-connector info`: how a workflow names and declares the connection.

const FIRST_PARTY = /^@mova\/connector-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)$/;

/** How workflows name the connector: `github` for `@mova/connector-github`, the package name otherwise. */
function connectorOf(packageName: string): string {
  return FIRST_PARTY.exec(packageName)?.[1] ?? packageName;
}

/**
 * The connection name the snippets suggest: the connector's own short name (`github`,
 * `@acme/connector-crm` → `crm`). Any name works; the workflow's `connections` map it to the connector.
 */
export function connectionName(packageName: string): string {
  const last = packageName.split('/').pop() ?? packageName;
  return last.replace(/^connector-/, '') || 'connection';
}

/** What a workflow author writes for a connector's connection. */
export interface ConnectionSnippet {
  /** The name steps give as `"connection"`. */
  name: string;
  /** The workflow's `"connections"` entry: `{ "<name>": { "connector": "<connector>" } }`. */
  declaration: Record<string, { connector: string }>;
  /** The connections file's entry, the auth fields to fill in: `"<secret>"` marks a secret. */
  file: Record<string, { connector: string; auth: Record<string, unknown> }>;
  /** The same connection as an environment variable (`MOVA_CONNECTION_<NAME>`), for CI. */
  env: string;
}

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The connection to write for a connector, or null when it needs none. The auth template holds the
 * required fields (all fields when none is required, as when any of several will do), with their
 * default where there is one and a placeholder to replace otherwise.
 * @example
 * connectionSnippet('@acme/connector-crm', auth)?.file
 * // { crm: { connector: '@acme/connector-crm', auth: { apiKey: '<secret>' } } }
 */
export function connectionSnippet(packageName: string, auth: ManifestAuth): ConnectionSnippet | null {
  if (auth.kind === 'none') return null;
  const name = connectionName(packageName);
  const connector = connectorOf(packageName);
  const properties = isSchema(auth.schema.properties) ? auth.schema.properties : {};
  const required = Array.isArray(auth.schema.required) ? auth.schema.required.map(String) : [];
  const fields = required.length > 0 ? required : Object.keys(properties);
  const template: Record<string, unknown> = {};
  for (const field of fields) {
    const schema = properties[field];
    template[field] = isSchema(schema) ? placeholder(schema) : '<value>';
  }
  const variable = `MOVA_CONNECTION_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  return {
    name,
    declaration: { [name]: { connector } },
    file: { [name]: { connector, auth: template } },
    env: `${variable}='${JSON.stringify({ connector, auth: template })}'`,
  };
}

function placeholder(schema: JsonSchema): unknown {
  if (schema.writeOnly === true) return '<secret>';
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  return `<${typeof type === 'string' ? type : 'value'}${format}>`;
}
