import { defineAction, Type } from '@mova/sdk';
import { fetchTables, tableKinds, tablesOfKinds } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { mysql } from '../dialect.js';

const tableType = tableKinds(
  ['table', 'view', 'system view', 'sequence', 'temporary table'],
  'What kind of table it is',
);

export const listTables = defineAction({
  auth,
  key: 'tables.list',
  title: 'List tables',
  description: 'Lists the tables and views of a database, by name.',
  input: Type.Object({
    database: Type.Optional(
      Type.String({ minLength: 1, description: "Database to list; default: the connection's database" }),
    ),
  }),
  output: Type.Object({
    database: Type.String({ description: 'The database listed' }),
    tables: Type.Array(
      Type.Object({ name: Type.String({ description: 'Table name, exactly as stored' }), type: tableType }),
      { description: 'Sorted by name' },
    ),
  }),
  examples: [
    {
      input: { database: 'shop' },
      output: {
        database: 'shop',
        tables: [
          { name: 'customers', type: 'table' },
          { name: 'open_orders', type: 'view' },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { schema, tables } = await fetchTables(session, mysql, input.database, ctx.actionKey);
      return {
        database: schema,
        tables: tablesOfKinds(tableType, tables),
      };
    });
  },
});
