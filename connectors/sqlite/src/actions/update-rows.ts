import { defineAction } from '@mova/sdk';
import { updateRowsReturningAction, updateStatement } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { sqlite } from '../dialect.js';
import { changedRows, tableField } from '../schemas.js';

export const updateRows = defineAction({
  auth,
  ...updateRowsReturningAction(
    tableField,
    'Columns to change, column to new value: null is NULL, true/false are 1/0, arrays and objects are stored as JSON text.',
    changedRows,
  ),
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { text, values } = updateStatement(sqlite, input);
      const result = await session.query(text, values);
      return { rowCount: result.changes, rows: result.rows };
    });
  },
});
