import { defineAction, Type } from '@mova/sdk';
import { returningField, updateRowsAction, updateStatement } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { sqlite } from '../dialect.js';
import { changedRows, tableField } from '../schemas.js';

export const updateRows = defineAction({
  auth,
  ...updateRowsAction(
    tableField,
    'Columns to change, column to new value: null is NULL, true/false are 1/0, arrays and objects are stored as JSON text.',
    changedRows,
    { returning: Type.Optional(returningField) },
  ),
  examples: [
    {
      title: 'Close an order',
      input: {
        table: 'orders',
        set: { status: 'closed' },
        where: { id: 7 },
        allRows: false,
        returning: ['id', 'status'],
      },
      output: { rowCount: 1, rows: [{ id: 7, status: 'closed' }] },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { text, values } = updateStatement(sqlite, input);
      const result = await session.query(text, values);
      return { rowCount: result.changes, rows: result.rows };
    });
  },
});
