import type { JsonSchema } from '@mova/sdk';

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

/** Nested objects are listed as `owner.login` down to this depth; deeper ones show as `object`. */
const MAX_DEPTH = 3;

/**
 * The fields of an object schema as table rows, nested objects and arrays of objects flattened
 * (`owner.login`, `labels[].name`), so a reader sees every field an action takes or returns.
 */
export function fieldRows(schema: JsonSchema, prefix = '', depth = 0): FieldRow[] {
  const properties = objectProperties(schema);
  if (!properties) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const rows: FieldRow[] = [];
  for (const [name, field] of Object.entries(properties)) {
    const path = `${prefix}${name}`;
    rows.push({ name: path, type: typeOf(field), required: required.has(name), description: describe(field) });
    if (depth + 1 >= MAX_DEPTH) continue;
    if (objectProperties(field)) rows.push(...fieldRows(field, `${path}.`, depth + 1));
    const items = isSchema(field.items) ? field.items : undefined;
    if (items && objectProperties(items)) rows.push(...fieldRows(items, `${path}[].`, depth + 1));
  }
  return rows;
}

/** A short human name for a schema's type: `string (email)`, `array of string`, `"open" or "closed"`. */
export function typeOf(schema: JsonSchema): string {
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' or ');
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return alternatives.filter(isSchema).map(typeOf).join(' or ');
  const types = Array.isArray(schema.type) ? schema.type.map(String) : schema.type ? [String(schema.type)] : [];
  if (types.length === 0) return 'any';
  return types
    .map((type) => {
      if (type === 'array') return isSchema(schema.items) ? `array of ${typeOf(schema.items)}` : 'array';
      if (type === 'string' && typeof schema.format === 'string') return `string (${schema.format})`;
      return type;
    })
    .join(' or ');
}

/** A markdown table of field rows; cells are escaped so a `|` in a description cannot break it. */
export function fieldTable(rows: FieldRow[]): string {
  const lines = ['| Field | Type | Required | Description |', '| --- | --- | --- | --- |'];
  for (const row of rows) {
    lines.push(
      `| \`${cell(row.name)}\` | ${cell(row.type)} | ${row.required ? 'yes' : 'no'} | ${cell(row.description)} |`,
    );
  }
  return lines.join('\n');
}

function describe(schema: JsonSchema): string {
  const notes: string[] = [];
  if (schema.writeOnly === true) notes.push('Secret: never logged.');
  if ('default' in schema) notes.push(`Default: \`${JSON.stringify(schema.default)}\`.`);
  const text = typeof schema.description === 'string' ? schema.description : '';
  // Descriptions are often one phrase without a full stop; end it when notes follow.
  const lead = notes.length > 0 ? text.replace(/([^.!?])$/, '$1.') : text;
  return [lead, ...notes].filter(Boolean).join(' ');
}

function objectProperties(schema: JsonSchema): Record<string, JsonSchema> | undefined {
  const properties = schema.properties;
  if (!properties || typeof properties !== 'object') return undefined;
  return Object.fromEntries(Object.entries(properties).filter(([, value]) => isSchema(value)));
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|');
}
