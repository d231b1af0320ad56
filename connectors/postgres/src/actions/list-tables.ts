import { defineAction, type Static, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { PostgresError } from '../errors.js';

const tableType = Type.Union(
  [
    Type.Literal('table'),
    Type.Literal('partitioned table'),
    Type.Literal('view'),
    Type.Literal('materialized view'),
    Type.Literal('foreign table'),
  ],
  { description: 'What kind of relation it is' },
);

// pg_class.relkind codes of the relations that hold or show rows.
const KINDS = new Map<string, Static<typeof tableType>>([
  ['r', 'table'],
  ['p', 'partitioned table'],
  ['v', 'view'],
  ['m', 'materialized view'],
  ['f', 'foreign table'],
]);

export const listTables = defineAction({
  auth,
  key: 'tables.list',
  title: 'List tables',
  description: 'Lists the tables, views, materialized views and foreign tables of a schema, by name.',
  input: Type.Object({
    schema: Type.String({ minLength: 1, default: 'public', description: 'Schema to list (default public)' }),
  }),
  output: Type.Object({
    schema: Type.String({ description: 'The schema listed' }),
    tables: Type.Array(
      Type.Object({
        name: Type.String({ description: 'Table name, exactly as stored (case kept)' }),
        type: tableType,
      }),
      { description: 'Sorted by name' },
    ),
  }),
  examples: [
    {
      input: { schema: 'public' },
      output: {
        schema: 'public',
        tables: [
          { name: 'customers', type: 'table' },
          { name: 'open_orders', type: 'view' },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const result = await session.query(
        `SELECT c.relname AS name, c.relkind AS kind
           FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          ORDER BY c.relname`,
        [input.schema],
      );
      if (result.rows.length === 0) {
        const exists = await session.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [input.schema]);
        if (exists.rows.length === 0) {
          throw new PostgresError(
            `${ctx.actionKey} failed: schema "${input.schema}" does not exist`,
            { kind: 'not_found', actionKey: ctx.actionKey },
            'Check the schema name; names are case-sensitive here.',
          );
        }
      }
      const tables = result.rows.flatMap(({ name, kind }) => {
        const type = KINDS.get(String(kind));
        return type ? [{ name: String(name), type }] : [];
      });
      return { schema: input.schema, tables };
    });
  },
});
