import { defineAction, type Static, Type } from '@mova/sdk';
import { fetchTables } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { sqlite } from '../dialect.js';

const tableType = Type.Union([Type.Literal('table'), Type.Literal('view')], {
  description: 'What kind of relation it is',
});

export const listTables = defineAction({
  auth,
  key: 'tables.list',
  title: 'List tables',
  description: "Lists the tables and views of the database (SQLite's own sqlite_* tables left out), by name.",
  input: Type.Object({
    schema: Type.String({ minLength: 1, default: 'main', description: 'Schema to list: main (default) or temp' }),
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
      input: { schema: 'main' },
      output: {
        schema: 'main',
        tables: [
          { name: 'customers', type: 'table' },
          { name: 'open_orders', type: 'view' },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { schema, tables } = await fetchTables(session, sqlite, input.schema, ctx.actionKey);
      return { schema, tables: tables.flatMap(({ name, type }) => (isTableType(type) ? [{ name, type }] : [])) };
    });
  },
});

function isTableType(type: string): type is Static<typeof tableType> {
  return tableType.anyOf.some((literal) => literal.const === type);
}
