import { defineAction, Type } from '@mova/sdk';
import { updateRowsAction, updateStatement } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { mysql } from '../dialect.js';
import { tableField } from '../schemas.js';

export const updateRows = defineAction({
  auth,
  ...updateRowsAction(
    tableField,
    'Columns to change, column to new value. Objects and arrays are stored as JSON text.',
    Type.Object({
      matchedRows: Type.Integer({ minimum: 0, description: 'Rows that matched the conditions' }),
      affectedRows: Type.Integer({
        minimum: 0,
        description: 'Of those, rows whose values actually changed (MySQL does not rewrite a row set to what it holds)',
      }),
    }),
  ),
  examples: [
    {
      title: 'Close an order',
      input: { table: 'orders', set: { status: 'closed' }, where: { id: 7 }, allRows: false },
      output: { matchedRows: 1, affectedRows: 1 },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { text, values } = updateStatement(mysql, input);
      const { header } = await session.query(text, values);
      return { matchedRows: header?.matchedRows ?? 0, affectedRows: header?.affectedRows ?? 0 };
    });
  },
});
