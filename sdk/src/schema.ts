export { type Static, type TObject, type TSchema, Type } from '@sinclair/typebox';

/** A JSON Schema 2020-12 document as it appears in a manifest. */
export type JsonSchema = Record<string, unknown>;

export const JSON_SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Turns a TypeBox schema into plain JSON Schema: TypeBox keeps its bookkeeping under symbols,
 * which JSON serialisation drops.
 */
export function toJsonSchema(schema: object): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}
