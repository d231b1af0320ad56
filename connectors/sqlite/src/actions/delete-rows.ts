import { defineAction, Type } from '@mova/sdk';
import { deleteRowsAction, deleteStatement, returningField } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { sqlite } from '../dialect.js';
import { changedRows, tableField } from '../schemas.js';

export const deleteRows = defineAction({
  auth,
  ...deleteRowsAction(tableField, changedRows, { returning: Type.Optional(returningField) }),
  examples: [
    {
      title: 'Delete one session',
      input: { table: 'sessions', where: { token: 'c0ffee' }, allRows: false },
      output: { rowCount: 1, rows: [] },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { text, values } = deleteStatement(sqlite, input);
      const result = await session.query(text, values);
      return { rowCount: result.changes, rows: result.rows };
    });
  },
});
