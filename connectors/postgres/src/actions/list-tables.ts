import { defineAction, Type } from '@mova/sdk';
import { fetchTables, listTablesAction, tableKinds, tablesOfKinds } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { postgres } from '../dialect.js';

const kinds = tableKinds(
  ['table', 'partitioned table', 'view', 'materialized view', 'foreign table'],
  'What kind of relation it is',
);

export const listTables = defineAction({
  auth,
  ...listTablesAction(
    kinds,
    'Lists the tables, views, materialized views and foreign tables of a schema, by name.',
    Type.String({ minLength: 1, default: 'public', description: 'Schema to list (default public)' }),
    'public',
  ),
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { schema, tables } = await fetchTables(session, postgres, input.schema, ctx.actionKey);
      return { schema, tables: tablesOfKinds(kinds, tables) };
    });
  },
});
