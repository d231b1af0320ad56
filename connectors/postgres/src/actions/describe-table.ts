import { defineAction, Type } from '@mova/sdk';
import { columnInfo, fetchColumns } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { postgres } from '../dialect.js';
import { tableField } from '../schemas.js';

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
      columnInfo(
        'SQL type with modifiers, e.g. character varying(80), numeric(10,2)',
        "Default as an SQL expression, e.g. nextval('orders_id_seq'::regclass); null when none",
      ),
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
    return withSession(auth, ctx, (session) => fetchColumns(session, postgres, input.table, ctx.actionKey));
  },
});
