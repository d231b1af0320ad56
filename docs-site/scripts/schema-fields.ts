import type { JsonSchema } from '@mova/sdk';
import { code, table, text } from './markdown.js';

/** How `$ref`s read: the workflow schema links each definition to its page instead of repeating it. */
export interface SchemaContext {
  /** Markdown for a reference shown as a link; `undefined` expands it in place. */
  refLink?(ref: string): string | undefined;
  /** The schema a reference points at. */
  resolve?(ref: string): JsonSchema | undefined;
}

export interface FieldRow {
  /** Dotted path: `owner.login`, `labels[].name`, `headers.*` for any key of a map. */
  path: string;
  /** Markdown. */
  type: string;
  required: boolean;
  /** Markdown: the schema's description, then its constraints. */
  description: string;
}

/** Nested fields are listed down to this depth, which also stops self-referencing schemas. */
const MAX_DEPTH = 5;

/** The pattern TypeBox's `Type.Record(Type.String(), …)` writes: any key. */
const ANY_KEY = '^(.*)$';

/**
 * The fields of an object schema as table rows, nested objects, arrays, maps and nullable objects
 * flattened into paths (`user.login`, `labels[].name`), so a reader sees every field at any depth.
 * An `anyOf` of several objects lists each form's fields, marked with the form's number.
 */
export function fieldRows(schema: JsonSchema, context: SchemaContext = {}): FieldRow[] {
  const rows: FieldRow[] = [];
  collect(expand(schema, context), '', 0, context, rows, undefined);
  return rows;
}

function collect(
  schema: JsonSchema,
  prefix: string,
  depth: number,
  context: SchemaContext,
  rows: FieldRow[],
  form: string | undefined,
) {
  const required = requiredOf(schema);
  for (const [name, field] of Object.entries(propertiesOf(schema))) {
    const path = `${prefix}${name}`;
    const description = describe(field, context);
    rows.push({
      path,
      type: typeOf(field, context),
      required: required.has(name),
      description: form ? `_${form}:_ ${description}`.trim() : description,
    });
    if (depth + 1 < MAX_DEPTH) descend(field, path, depth + 1, context, rows, form);
  }
}

/** Adds the rows inside one field: its properties, its items, its map values or its forms. */
function descend(
  field: JsonSchema,
  path: string,
  depth: number,
  context: SchemaContext,
  rows: FieldRow[],
  form: string | undefined,
) {
  if (isLinked(field, context)) return;
  const schema = expand(field, context);
  if (Object.keys(propertiesOf(schema)).length > 0) collect(schema, `${path}.`, depth, context, rows, form);
  const items = asSchema(schema.items);
  if (items) descend(items, `${path}[]`, depth, context, rows, form);
  const value = mapValue(schema);
  if (value) descend(value, `${path}.*`, depth, context, rows, form);
  const forms = alternativesOf(schema).filter((alternative) => !isNull(alternative));
  if (forms.length === 1 && forms[0]) {
    descend(forms[0], path, depth, context, rows, form);
  } else {
    forms.forEach((alternative, i) => {
      const inner = expand(alternative, context);
      if (Object.keys(propertiesOf(inner)).length === 0 || isLinked(alternative, context)) return;
      collect(inner, `${path}.`, depth, context, rows, `form ${i + 1} of ${code(path)}`);
    });
  }
}

/**
 * A short markdown name for a schema's type: `string (uri)`, `array of string`,
 * `` `"open"` or `"closed"` ``, `map of string`, or a link to a referenced definition.
 */
export function typeOf(schema: JsonSchema, context: SchemaContext = {}): string {
  if (typeof schema.$ref === 'string') {
    const linked = context.refLink?.(schema.$ref);
    if (linked) return linked;
    const target = context.resolve?.(schema.$ref);
    return target ? typeOf(target, context) : code(schema.$ref);
  }
  if ('const' in schema) return code(JSON.stringify(schema.const));
  if (Array.isArray(schema.enum)) return choice(schema.enum.map((v) => code(JSON.stringify(v))));
  const alternatives = alternativesOf(schema);
  if (alternatives.length > 0) return choice(unique(alternatives.map((a) => typeOf(a, context))));
  const names = typeNames(schema);
  if (names.length === 0) return 'any';
  return names
    .map((name) => {
      if (name === 'array') {
        const items = asSchema(schema.items);
        return items ? `array of ${grouped(typeOf(items, context))}` : 'array';
      }
      if (name === 'object') {
        const value = mapValue(schema);
        const hasFields = Object.keys(propertiesOf(schema)).length > 0;
        return value && !hasFields ? `map of ${grouped(typeOf(value, context))}` : 'object';
      }
      if (name === 'string' && typeof schema.format === 'string') return `string (${text(schema.format)})`;
      return name;
    })
    .join(' or ');
}

/** The field's description followed by its constraints, as markdown. */
export function describe(schema: JsonSchema, context: SchemaContext = {}): string {
  const own = typeof schema.description === 'string' ? schema.description : undefined;
  const referenced = typeof schema.$ref === 'string' ? context.resolve?.(schema.$ref)?.description : undefined;
  const description = own ?? (typeof referenced === 'string' ? referenced : undefined);
  return sentences(description === undefined ? '' : text(description), constraints(schema));
}

/** Text followed by more sentences, with a full stop between them when the text has none. */
export function sentences(first: string, more: string[]): string {
  const lead = first.trim();
  if (more.length === 0) return lead;
  if (lead === '') return more.join(' ');
  return `${/[.!?:]$/.test(lead) ? lead : `${lead}.`} ${more.join(' ')}`;
}

/** Constraints a reader needs to fill a field in, one short sentence each. */
export function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  const n = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  if (schema.writeOnly === true) out.push('Secret: redacted from logs and run records.');
  if (schema.deprecated === true) out.push('Deprecated.');
  if ('default' in schema) out.push(`Default: ${code(JSON.stringify(schema.default))}.`);
  const range = (min: number | undefined, max: number | undefined, unit = '', units = unit) => {
    const of = (count: number) => `${count}${count === 1 ? unit : units}`;
    if (min !== undefined && max !== undefined) return min === max ? `Exactly ${of(min)}.` : `${min} to ${of(max)}.`;
    if (min !== undefined) return `At least ${of(min)}.`;
    if (max !== undefined) return `At most ${of(max)}.`;
    return undefined;
  };
  const minLength = n('minLength');
  const maxLength = n('maxLength');
  if (minLength === 1 && maxLength === undefined) out.push('Not empty.');
  else out.push(range(minLength, maxLength, ' character', ' characters') ?? '');
  out.push(range(n('minimum'), n('maximum')) ?? '');
  if (n('exclusiveMinimum') !== undefined) out.push(`Greater than ${n('exclusiveMinimum')}.`);
  if (n('exclusiveMaximum') !== undefined) out.push(`Less than ${n('exclusiveMaximum')}.`);
  out.push(range(n('minItems'), n('maxItems'), ' item', ' items') ?? '');
  if (schema.uniqueItems === true) out.push('No duplicates.');
  out.push(range(n('minProperties'), n('maxProperties'), ' entry', ' entries') ?? '');
  if (typeof schema.pattern === 'string') out.push(`Pattern: ${code(schema.pattern)}.`);
  const excluded = asSchema(schema.not)?.enum;
  if (Array.isArray(excluded)) out.push(`Not ${excluded.map((v) => code(JSON.stringify(v))).join(', ')}.`);
  const keyPattern = keyPatternOf(schema);
  if (keyPattern) out.push(`Keys match ${code(keyPattern)}.`);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) {
    out.push(`Example: ${schema.examples.map((e) => code(JSON.stringify(e))).join(', ')}.`);
  }
  return out.filter((s) => s !== '');
}

/**
 * Rules about an object that no single field carries: exactly one of some fields, fields required
 * when another has a value, fields that need each other.
 */
export function objectRules(schema: JsonSchema): string[] {
  const rules: string[] = [];
  const list = (names: unknown[]) => names.map((name) => code(String(name))).join(', ');
  for (const [keyword, quantity] of [
    ['oneOf', 'exactly one'],
    ['anyOf', 'at least one'],
  ] as const) {
    const choices = requiredChoices(schema[keyword]);
    if (choices) rules.push(`Give ${quantity} of ${list(choices)}.`);
  }
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const condition = asSchema(asSchema(part)?.if);
    const then = asSchema(asSchema(part)?.then);
    if (!condition || !then) continue;
    const when = Object.entries(propertiesOf(condition))
      .filter(([, value]) => 'const' in value)
      .map(([name, value]) => `${code(name)} is ${code(JSON.stringify(value.const))}`);
    const needed = Array.isArray(then.required) ? then.required : [];
    const choices = requiredChoices(then.anyOf);
    if (when.length === 0 || (needed.length === 0 && !choices)) continue;
    const alsoNeeded = [needed.length > 0 ? `${list(needed)} ${needed.length === 1 ? 'is' : 'are'} required` : '']
      .concat(choices ? [`at least one of ${list(choices)}`] : [])
      .filter(Boolean)
      .join(', and ');
    rules.push(`When ${when.join(' and ')}: ${alsoNeeded}.`);
  }
  const dependent = asSchema(schema.dependentRequired);
  for (const [name, needs] of Object.entries(dependent ?? {})) {
    if (Array.isArray(needs)) rules.push(`${code(name)} needs ${list(needs)}.`);
  }
  return rules;
}

/**
 * A schema as a reader-friendly block: a field table with the object's rules below it, the items'
 * fields for a list of objects, or one line for a plain value.
 */
export function schemaSection(schema: JsonSchema, context: SchemaContext = {}): string {
  const expanded = expand(schema, context);
  const rows = fieldRows(expanded, context);
  if (rows.length > 0) {
    const rules = objectRules(expanded).map((rule) => `- ${rule}`);
    return [fieldTable(rows), ...(rules.length > 0 ? [rules.join('\n')] : [])].join('\n\n');
  }
  const items = asSchema(expanded.items);
  if (items && Object.keys(propertiesOf(items)).length > 0) {
    return [`A list; each item has these fields:`, fieldTable(fieldRows(items, context))].join('\n\n');
  }
  if (typeNames(expanded).includes('object') && !mapValue(expanded)) return 'No fields.';
  const details = [describe(expanded, context)].filter(Boolean).join(' ');
  return `A value of type ${typeOf(expanded, context)}.${details ? ` ${details}` : ''}`;
}

/** The standard four-column field table. */
export function fieldTable(rows: FieldRow[]): string {
  return table(
    ['Field', 'Type', 'Required', 'Description'],
    rows.map((row) => [code(row.path), row.type, row.required ? 'yes' : 'no', row.description]),
  );
}

export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  const properties = asSchema(schema.properties);
  if (!properties) return {};
  return Object.fromEntries(
    Object.entries(properties).flatMap(([name, value]) => {
      const field = asSchema(value);
      return field ? [[name, field]] : [];
    }),
  );
}

export function requiredOf(schema: JsonSchema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
}

export function asSchema(value: unknown): JsonSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}

function isLinked(schema: JsonSchema, context: SchemaContext): boolean {
  return typeof schema.$ref === 'string' && context.refLink?.(schema.$ref) !== undefined;
}

/** A `$ref` that is not linked, replaced by what it points at (its sibling keywords kept). */
function expand(schema: JsonSchema, context: SchemaContext): JsonSchema {
  if (typeof schema.$ref !== 'string' || isLinked(schema, context)) return schema;
  const target = context.resolve?.(schema.$ref);
  if (!target) return schema;
  const { $ref: _, ...rest } = schema;
  return { ...target, ...rest };
}

function alternativesOf(schema: JsonSchema): JsonSchema[] {
  const list = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : [];
  // `{ required: [...] }` alternatives constrain which fields appear; they are not types.
  return list.flatMap((item) => {
    const alternative = asSchema(item);
    return alternative && !isRequiredOnly(alternative) ? [alternative] : [];
  });
}

function isRequiredOnly(schema: JsonSchema): boolean {
  return Object.keys(schema).length === 1 && Array.isArray(schema.required);
}

function requiredChoices(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined;
  const schemas = value.map(asSchema);
  if (!schemas.every((s) => s !== undefined && isRequiredOnly(s))) return undefined;
  return schemas.flatMap((s) => (Array.isArray(s?.required) ? s.required.map(String) : []));
}

function isNull(schema: JsonSchema): boolean {
  return schema.type === 'null';
}

function typeNames(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type.map(String);
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties || schema.patternProperties || asSchema(schema.additionalProperties)) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

/** The value schema of a map (`additionalProperties`, or the one `patternProperties` entry). */
function mapValue(schema: JsonSchema): JsonSchema | undefined {
  const additional = asSchema(schema.additionalProperties);
  if (additional) return additional;
  const patterns = Object.values(asSchema(schema.patternProperties) ?? {});
  return patterns.length === 1 ? asSchema(patterns[0]) : undefined;
}

function keyPatternOf(schema: JsonSchema): string | undefined {
  const patterns = Object.keys(asSchema(schema.patternProperties) ?? {});
  if (patterns.length === 1 && patterns[0] !== ANY_KEY) return patterns[0];
  const names = asSchema(schema.propertyNames);
  return typeof names?.pattern === 'string' ? names.pattern : undefined;
}

/** `a or b`; a longer list of literal values reads better as `one of a, b, c, d`. */
function choice(names: string[]): string {
  const literals = names.every((name) => name.startsWith('`'));
  return literals && names.length > 3 ? `one of ${names.join(', ')}` : names.join(' or ');
}

function grouped(type: string): string {
  return type.includes(' or ') ? `(${type})` : type;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
