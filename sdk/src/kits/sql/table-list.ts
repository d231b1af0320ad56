import { type TLiteral, type TSchema, type TUnion, Type } from '@sinclair/typebox';
import type { TableSummary } from './introspection.js';

/** The relation kinds a dialect's `tables.list` reports, as one schema: `tableKinds(['table', 'view'], 'What kind …')`. */
export const tableKinds = <K extends string>(kinds: readonly [K, ...K[]], description: string) =>
  Type.Union(
    kinds.map((kind) => Type.Literal(kind)),
    { description },
  );

/** What `fetchTables` found, less the kinds `kinds` does not list (SQLite's own tables, sequences …). */
export function tablesOfKinds<K extends string>(
  kinds: TUnion<TLiteral<K>[]>,
  tables: readonly TableSummary[],
): { name: string; type: K }[] {
  const known = (type: string): type is K => kinds.anyOf.some((literal) => literal.const === type);
  return tables.flatMap(({ name, type }) => (known(type) ? [{ name, type }] : []));
}

/**
 * `tables.list` of a dialect with schemas, all but auth and run: the `schema` input field as the
 * dialect describes it, the schema listed and its relations of `kinds` by name, an example listing
 * `exampleSchema`.
 * @example
 * const kinds = tableKinds(['table', 'view'], 'What kind of relation it is');
 * defineAction({ auth, ...listTablesAction(kinds, description, schemaField, 'main'), run: ({ input, auth, ctx }) =>
 *   withSession(auth, ctx, async (session) => {
 *     const { schema, tables } = await fetchTables(session, dialect, input.schema, ctx.actionKey);
 *     return { schema, tables: tablesOfKinds(kinds, tables) };
 *   }) })
 */
export function listTablesAction<K extends TSchema, S extends TSchema>(
  kinds: K,
  description: string,
  schemaField: S,
  exampleSchema: string,
) {
  return {
    key: 'tables.list',
    title: 'List tables',
    description,
    input: Type.Object({ schema: schemaField }),
    output: Type.Object({
      schema: Type.String({ description: 'The schema listed' }),
      tables: Type.Array(
        Type.Object({
          name: Type.String({ description: 'Table name, exactly as stored (case kept)' }),
          type: kinds,
        }),
        { description: 'Sorted by name' },
      ),
    }),
    examples: [
      {
        input: { schema: exampleSchema },
        output: {
          schema: exampleSchema,
          tables: [
            { name: 'customers', type: 'table' as const },
            { name: 'open_orders', type: 'view' as const },
          ],
        },
      },
    ],
  };
}
