import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { tableField } from '../schemas.js';
import { quoteTable } from '../sql.js';

export const describeTable = defineAction({
  auth,
  key: 'tables.describe',
  title: 'Describe a table',
  description:
    'Lists the columns of a table or view in order, with SQL type, nullability, default expression and whether each is part of the primary key.',
  input: Type.Object({ table: tableField }),
  output: Type.Object({
    schema: Type.String({ description: 'The schema the table was found in' }),
    table: Type.String({ description: 'The table name as stored' }),
    columns: Type.Array(
      Type.Object({
        name: Type.String({ description: 'Column name' }),
        type: Type.String({ description: 'SQL type with modifiers, e.g. character varying(80), numeric(10,2)' }),
        nullable: Type.Boolean({ description: 'Whether the column accepts NULL' }),
        default: Type.Union([Type.String(), Type.Null()], {
          description: "Default as an SQL expression, e.g. nextval('orders_id_seq'::regclass); null when none",
        }),
        primaryKey: Type.Boolean({ description: 'Whether the column is part of the primary key' }),
      }),
      { description: 'Columns in table order' },
    ),
  }),
  examples: [
    {
      input: { table: 'public.customers' },
      output: {
        schema: 'public',
        table: 'customers',
        columns: [
          {
            name: 'id',
            type: 'integer',
            nullable: false,
            default: "nextval('customers_id_seq'::regclass)",
            primaryKey: true,
          },
          { name: 'email', type: 'text', nullable: false, default: null, primaryKey: false },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      // regclass resolves the quoted name as SQL would (search_path included) and raises
      // undefined_table when there is none, which becomes a not_found error. The LEFT JOIN keeps
      // one row for a table without columns, so its name still comes back.
      const result = await session.query(
        `SELECT n.nspname AS schema, c.relname AS table, a.attname AS name,
                format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
                CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default,
                EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                         WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS primary_key
           FROM pg_catalog.pg_class c
           JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
           LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
          WHERE c.oid = $1::regclass
          ORDER BY a.attnum`,
        [quoteTable(input.table)],
      );
      const first = result.rows[0];
      return {
        schema: String(first?.schema),
        table: String(first?.table),
        columns: result.rows
          .filter((r) => r.name !== null)
          .map((r) => ({
            name: String(r.name),
            type: String(r.type),
            nullable: r.nullable === true,
            default: typeof r.default === 'string' ? r.default : null,
            primaryKey: r.primary_key === true,
          })),
      };
    });
  },
});
