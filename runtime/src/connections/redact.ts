export const REDACTED = '[redacted]';

/** Shorter secrets are replaced only where they are a whole value, so "1" does not blank every digit. */
const MIN_SUBSTRING = 4;

export type Redactor = <T>(value: T) => T;

/**
 * Builds a function that returns a deep copy of a value with every secret replaced by
 * `[redacted]`, wherever it appears: whole values, inside longer strings, in error messages.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const all = [...new Set([...secrets].filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  const long = all.filter((s) => s.length >= MIN_SUBSTRING);
  const exact = new Set(all);
  const redactString = (text: string): string => {
    if (exact.has(text)) return REDACTED;
    let out = text;
    for (const secret of long) if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
    return out;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = walk(item);
      return out;
    }
    return value;
  };
  return <T>(value: T): T => (all.length === 0 ? value : (walk(value) as T));
}

/** Every string inside a value, e.g. all fields of a connection's auth. */
export function secretValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(secretValues);
  if (value && typeof value === 'object') return Object.values(value).flatMap(secretValues);
  return [];
}

type SchemaNode = {
  writeOnly?: boolean;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  items?: unknown;
  allOf?: unknown[];
  anyOf?: unknown[];
  oneOf?: unknown[];
};

/**
 * The strings of a connection's auth that are secret by its manifest's auth schema: fields marked
 * `writeOnly` (JSON Schema's annotation for secrets) and, to be safe, anything the schema does not
 * describe. Declared plain fields (a host, a user name, a base URL) stay readable in run records.
 */
export function secretFields(schema: unknown, value: unknown): string[] {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'string' && isSecret(schema) ? [value] : [];
  }
  if (!isSchema(schema) || isSecret(schema)) return secretValues(value);
  if (Array.isArray(value)) {
    const items = branches(schema)
      .map((node) => node.items)
      .find(isSchema);
    return items ? value.flatMap((item) => secretFields(items, item)) : secretValues(value);
  }
  const nodes = branches(schema);
  return Object.entries(value).flatMap(([key, item]) => {
    const declared = nodes.map((node) => node.properties?.[key] ?? node.additionalProperties).filter(isSchema);
    if (declared.length === 0) return secretValues(item);
    // Where the branches of a schema disagree, the field is secret if any says so.
    return [...new Set(declared.flatMap((node) => secretFields(node, item)))];
  });
}

/** A schema and the subschemas (allOf/anyOf/oneOf) whose properties it also describes. */
function branches(schema: SchemaNode): SchemaNode[] {
  const nested = [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].filter(isSchema);
  return [schema, ...nested.flatMap(branches)];
}

function isSecret(schema: unknown): boolean {
  return isSchema(schema) && branches(schema).some((node) => node.writeOnly === true);
}

function isSchema(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
