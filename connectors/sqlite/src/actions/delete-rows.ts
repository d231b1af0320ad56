import { defineAction } from '@mova/sdk';
import { deleteRowsReturningAction, deleteStatement } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { sqlite } from '../dialect.js';
import { changedRows, tableField } from '../schemas.js';

export const deleteRows = defineAction({
  auth,
  ...deleteRowsReturningAction(tableField, changedRows),
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { text, values } = deleteStatement(sqlite, input);
      const result = await session.query(text, values);
      return { rowCount: result.changes, rows: result.rows };
    });
  },
});
