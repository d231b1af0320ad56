export const REDACTED = '[redacted]';

/** Shorter secrets are replaced only where they are a whole value, so "1" does not blank every digit. */
const MIN_SUBSTRING = 4;

export type Redactor = <T>(value: T) => T;

/**
 * Builds a function that returns a deep copy of a value with every secret replaced by
 * `[redacted]`, wherever it appears: whole values, inside longer strings, in error messages, in
 * object keys; and in the forms a secret travels in: base64 (standard and URL-safe, also inside a
 * longer base64 text such as a Basic auth header), URL-encoded, and reversed.
 * @example
 * const redact = createRedactor(['tok-123456']);
 * redact({ header: `Basic ${btoa('me:tok-123456')}` }); // { header: 'Basic [redacted]…' }
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const all = [...new Set([...secrets].filter((s) => s.length > 0))];
  const long = [...new Set(all.filter((s) => s.length >= MIN_SUBSTRING).flatMap(encodings))].sort(
    (a, b) => b.length - a.length,
  );
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
      // A secret used as a key is redacted too; a key that redaction makes equal to another gets a number.
      const entries = Object.entries(value).map(([key, item]) => ({ key, safe: redactString(key), item }));
      const used = new Set(entries.filter((e) => e.safe === e.key).map((e) => e.key));
      const out: Record<string, unknown> = {};
      for (const { key, safe, item } of entries) {
        let name = safe;
        if (safe !== key) {
          for (let n = 2; used.has(name); n++) name = `${safe} (${n})`;
          used.add(name);
        }
        out[name] = walk(item);
      }
      return out;
    }
    return value;
  };
  return <T>(value: T): T => (all.length === 0 ? value : (walk(value) as T));
}

/** A redactor that can be told more secrets while it is in use. */
export interface LearningRedactor extends Redactor {
  learn(secrets: Iterable<string>): void;
}

/**
 * createRedactor over a set of secrets that grows: a run learns the tokens a call refreshed, so
 * they are redacted from its records like the connection's own.
 */
export function learningRedactor(secrets: Iterable<string>): LearningRedactor {
  const known = new Set([...secrets].filter((s) => s.length > 0));
  let current = createRedactor(known);
  return Object.assign(<T>(value: T): T => current(value), {
    learn(more: Iterable<string>) {
      const before = known.size;
      for (const secret of more) if (secret.length > 0) known.add(secret);
      if (known.size !== before) current = createRedactor(known);
    },
  });
}

// Encoded forms shorter than this are not looked for: they would match unrelated text.
const MIN_ENCODED = 6;

/** A secret and the forms it is commonly found in, each at least MIN_ENCODED long (the secret itself always). */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([secret, [...secret].reverse().join('')]);
  const url = encodeURIComponent(secret);
  forms.add(url);
  forms.add(url.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  forms.add(url.replaceAll('%20', '+'));
  // Inside a longer base64 text the secret starts at any of three byte offsets; only the characters
  // made of its own bits are the same whatever surrounds it.
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    forms.add(core);
    forms.add(core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  // The whole value encoded on its own, with its padding.
  const whole = bytes.toString('base64');
  forms.add(whole);
  forms.add(bytes.toString('base64url'));
  return [...forms].filter((form) => form === secret || form.length >= MIN_ENCODED);
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
