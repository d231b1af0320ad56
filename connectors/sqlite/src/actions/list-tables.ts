import { defineAction, Type } from '@mova/sdk';
import { fetchTables, listTablesAction, tableKinds, tablesOfKinds } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { sqlite } from '../dialect.js';

const kinds = tableKinds(['table', 'view'], 'What kind of relation it is');

export const listTables = defineAction({
  auth,
  ...listTablesAction(
    kinds,
    "Lists the tables and views of the database (SQLite's own sqlite_* tables left out), by name.",
    Type.String({ minLength: 1, default: 'main', description: 'Schema to list: main (default) or temp' }),
    'main',
  ),
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { schema, tables } = await fetchTables(session, sqlite, input.schema, ctx.actionKey);
      return { schema, tables: tablesOfKinds(kinds, tables) };
    });
  },
});
