// Turns an action's JSON Schema (from an untrusted manifest) into rows a person can read: one per
// field, nested objects and arrays as children. Plain data in, plain data out: rendering escapes it.

type Schema = Record<string, unknown>;

/** One field of an object, or the items of an array. */
export interface Field {
  /** The property name; `[]` for an array's items. */
  name: string;
  /** Where it sits, e.g. `labels[].name`. */
  path: string;
  /** A short type, e.g. `string`, `integer[]`, `"open" | "closed"`, `object | null`. */
  type: string;
  required: boolean;
  description: string | null;
  /** Limits and formats in words, e.g. `format: uri`, `1 to 100`, `default: 30`. */
  constraints: string[];
  /** An object's fields, or the fields of an array's object items. */
  children: Field[];
}

/** A whole schema: what kind of value it is, and its fields when it has any. */
export interface SchemaView {
  /** The top-level type, e.g. `object`, `object[]`, `string`. */
  type: string;
  description: string | null;
  fields: Field[];
  /** Fields left out because the schema was deeper or larger than a page should show. */
  truncated: boolean;
}

// A manifest is untrusted: a self-referencing or huge schema must not hang or flood the page.
const MAX_DEPTH = 8;
const MAX_FIELDS = 400;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

function literal(value: unknown): string {
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json;
}

interface Walk {
  root: Schema;
  /** Subschemas by `$id`: TypeBox's recursive types refer to themselves by it. */
  ids: Map<string, Schema>;
  count: number;
  truncated: boolean;
}

function collectIds(schema: unknown, ids: Map<string, Schema>, depth = 0): Map<string, Schema> {
  if (depth > MAX_DEPTH * 4 || ids.size > MAX_FIELDS) return ids;
  if (Array.isArray(schema)) for (const item of schema) collectIds(item, ids, depth + 1);
  else if (isSchema(schema)) {
    if (typeof schema.$id === 'string' && !ids.has(schema.$id)) ids.set(schema.$id, schema);
    for (const value of Object.values(schema)) collectIds(value, ids, depth + 1);
  }
  return ids;
}

function target(ref: string, walk: Walk): Schema | null {
  if (!ref.startsWith('#')) return walk.ids.get(ref) ?? null;
  let at: unknown = walk.root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    at = isSchema(at) ? at[key] : undefined;
  }
  return isSchema(at) ? at : null;
}

/**
 * Follows a `$ref` to a local pointer (`#/$defs/x`) or a subschema's `$id`, once per path: a ref
 * met again (a recursive type) stays unresolved and is shown by its name.
 */
function resolve(schema: Schema, walk: Walk, seen: ReadonlySet<string>): { schema: Schema; ref: string | null } {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || seen.has(ref)) return { schema, ref: null };
  const found = target(ref, walk);
  if (!found) return { schema, ref: null };
  const { $ref: _ref, ...rest } = schema;
  return { schema: { ...found, ...rest }, ref };
}

/** How an unresolved `$ref` is named: `#/$defs/Node` and `Node` both read `Node`. */
const refName = (ref: string): string => ref.split('/').pop() || 'any';

/** The value schemas of a record: `additionalProperties` and each `patternProperties` entry. */
function recordValues(s: Schema): Schema[] {
  const values = isSchema(s.patternProperties) ? Object.values(s.patternProperties).filter(isSchema) : [];
  return isSchema(s.additionalProperties) ? [s.additionalProperties, ...values] : values;
}

/** `anyOf`/`oneOf` members, with a `{ type: 'null' }` member noted apart (TypeBox's nullable). */
function variants(schema: Schema): { members: Schema[]; nullable: boolean } | null {
  const list = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (!list) return null;
  const members = list.filter(isSchema);
  const nonNull = members.filter((member) => member.type !== 'null');
  return { members: nonNull, nullable: nonNull.length < members.length };
}

/** `allOf` members merged into one object schema (TypeBox's Intersect). */
function merged(schema: Schema): Schema {
  if (!Array.isArray(schema.allOf)) return schema;
  const parts = schema.allOf.filter(isSchema);
  const properties: Schema = { ...(isSchema(schema.properties) ? schema.properties : {}) };
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  for (const part of parts) {
    if (isSchema(part.properties)) Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) for (const key of part.required) required.add(key);
  }
  const { allOf: _allOf, ...rest } = schema;
  const type = parts.every((part) => part.type === 'object' || isSchema(part.properties)) ? 'object' : rest.type;
  return { ...rest, type, properties, required: [...required] };
}

// A long enum reads better cut short; the schema itself stays the reference.
const MAX_ALTERNATIVES = 12;

function alternatives(names: string[]): string {
  const shown = names.slice(0, MAX_ALTERNATIVES).join(' | ');
  return names.length > MAX_ALTERNATIVES ? `${shown} | … (${names.length - MAX_ALTERNATIVES} more)` : shown;
}

function typeOf(schema: Schema, walk: Walk, seen: ReadonlySet<string>, depth: number): string {
  if (depth > MAX_DEPTH) {
    walk.truncated = true;
    return '…';
  }
  const { schema: resolved, ref } = resolve(schema, walk, seen);
  const inner = ref ? new Set([...seen, ref]) : seen;
  if (!ref && typeof resolved.$ref === 'string') return refName(resolved.$ref);
  const s = merged(resolved);
  if ('const' in s) return literal(s.const);
  if (Array.isArray(s.enum)) return alternatives(s.enum.map(literal));
  const union = variants(s);
  if (union) {
    const names = [...new Set(union.members.map((member) => typeOf(member, walk, inner, depth + 1)))];
    if (union.nullable) names.push('null');
    return names.length > 0 ? alternatives(names) : 'null';
  }
  const types = Array.isArray(s.type) ? s.type.filter((t) => typeof t === 'string') : [s.type];
  const named = types.map((t) => {
    if (t === 'array') {
      const items = isSchema(s.items) ? typeOf(s.items, walk, inner, depth + 1) : 'any';
      return items.includes(' | ') ? `(${items})[]` : `${items}[]`;
    }
    if (typeof t === 'string') return t;
    return isSchema(s.properties) ? 'object' : 'any';
  });
  return named.join(' | ');
}

const RANGE_WORDS: [string, string][] = [
  ['minLength', 'at least {} characters'],
  ['maxLength', 'at most {} characters'],
  ['minItems', 'at least {} items'],
  ['maxItems', 'at most {} items'],
  ['exclusiveMinimum', 'more than {}'],
  ['exclusiveMaximum', 'less than {}'],
  ['multipleOf', 'a multiple of {}'],
];

function constraintsOf(s: Schema): string[] {
  const out: string[] = [];
  if (typeof s.format === 'string') out.push(`format: ${s.format}`);
  const min = typeof s.minimum === 'number' ? s.minimum : null;
  const max = typeof s.maximum === 'number' ? s.maximum : null;
  if (min !== null && max !== null) out.push(`${min} to ${max}`);
  else if (min !== null) out.push(`at least ${min}`);
  else if (max !== null) out.push(`at most ${max}`);
  for (const [key, words] of RANGE_WORDS) {
    if (typeof s[key] === 'number') out.push(words.replace('{}', String(s[key])));
  }
  if (typeof s.pattern === 'string') out.push(`pattern: ${s.pattern}`);
  if (s.uniqueItems === true) out.push('unique items');
  if ('default' in s) out.push(`default: ${literal(s.default)}`);
  if (s.writeOnly === true) out.push('secret: kept out of logs and run records');
  return out;
}

interface Shape {
  schema: Schema;
  /** The refs followed to reach it, so its fields do not follow them again. */
  seen: ReadonlySet<string>;
}

/** The schema whose properties become children: the object itself, an array's items, a nullable's object. */
function shapeOf(schema: Schema, walk: Walk, seen: ReadonlySet<string>, depth: number): Shape | null {
  if (depth > MAX_DEPTH) {
    walk.truncated = true;
    return null;
  }
  const { schema: resolved, ref } = resolve(schema, walk, seen);
  const inner = ref ? new Set([...seen, ref]) : seen;
  const s = merged(resolved);
  if (isSchema(s.properties) || recordValues(s).length > 0) return { schema: s, seen: inner };
  if (isSchema(s.items)) return shapeOf(s.items, walk, inner, depth + 1);
  const union = variants(s);
  if (union?.members.length === 1 && union.members[0]) return shapeOf(union.members[0], walk, inner, depth + 1);
  return null;
}

function fieldsOf(shape: Shape, path: string, walk: Walk, depth: number): Field[] {
  if (depth > MAX_DEPTH) {
    walk.truncated = true;
    return [];
  }
  const { schema: s, seen: inner } = shape;
  const required = new Set(Array.isArray(s.required) ? s.required.filter((k) => typeof k === 'string') : []);
  const entries: [string, Schema, boolean][] = [];
  if (isSchema(s.properties)) {
    for (const [name, child] of Object.entries(s.properties)) {
      if (isSchema(child)) entries.push([name, child, required.has(name)]);
    }
  }
  // A record (`additionalProperties` or `patternProperties`) shows as one field standing for every key.
  for (const values of recordValues(s)) entries.push(['[key]', values, false]);
  const fields: Field[] = [];
  for (const [name, child] of entries) {
    if (walk.count >= MAX_FIELDS) {
      walk.truncated = true;
      break;
    }
    walk.count += 1;
    const childPath = path ? `${path}.${name}` : name;
    const resolvedChild = merged(resolve(child, walk, inner).schema);
    const shape = shapeOf(child, walk, inner, depth + 1);
    const type = typeOf(child, walk, inner, depth + 1);
    fields.push({
      name,
      path: childPath,
      type,
      required: required.has(name),
      description: text(resolvedChild.description) ?? text(resolvedChild.title),
      constraints: constraintsOf(resolvedChild),
      children: shape ? fieldsOf(shape, type.endsWith('[]') ? `${childPath}[]` : childPath, walk, depth + 1) : [],
    });
  }
  return fields;
}

/**
 * Reads a JSON Schema into a readable outline: its type and, for objects (or arrays of objects),
 * every field with its type, whether it is required, its description and its limits, nested fields
 * beneath. Local `$ref`s, `allOf` (merged), `anyOf`/`oneOf` (as unions, `| null` for nullable) are
 * understood; depth and size are capped.
 * @example
 * describeSchema({ type: 'object', required: ['title'], properties: { title: { type: 'string' } } })
 * // { type: 'object', fields: [{ name: 'title', type: 'string', required: true, ... }], ... }
 */
export function describeSchema(schema: unknown): SchemaView {
  const root = isSchema(schema) ? schema : {};
  const walk: Walk = { root, ids: collectIds(root, new Map()), count: 0, truncated: false };
  const type = Object.keys(root).length === 0 ? 'any' : typeOf(root, walk, new Set(), 0);
  const shape = shapeOf(root, walk, new Set(), 0);
  const fields = shape ? fieldsOf(shape, type.endsWith('[]') ? '[]' : '', walk, 0) : [];
  return {
    type,
    description: text(merged(resolve(root, walk, new Set()).schema).description),
    fields,
    truncated: walk.truncated,
  };
}
