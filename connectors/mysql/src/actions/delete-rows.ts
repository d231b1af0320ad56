import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { tableField, whereField } from '../schemas.js';
import { guardAllRows, Parameters, quoteTable, whereClause } from '../sql.js';

export const deleteRows = defineAction({
  auth,
  key: 'rows.delete',
  title: 'Delete rows',
  description:
    'Deletes the rows matching column equalities. Refuses to delete every row unless `allRows` is true, so an empty filter never empties a table by accident.',
  input: Type.Object({
    table: tableField,
    where: Type.Optional(whereField),
    allRows: Type.Boolean({ default: false, description: 'Set true to delete every row when `where` is empty' }),
  }),
  output: Type.Object({ affectedRows: Type.Integer({ minimum: 0, description: 'Rows deleted' }) }),
  examples: [
    {
      title: 'Delete one session',
      input: { table: 'sessions', where: { token: 'c0ffee' }, allRows: false },
      output: { affectedRows: 1 },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      guardAllRows(input.where, input.allRows, 'delete');
      const params = new Parameters();
      const text = `DELETE FROM ${quoteTable(input.table)}${whereClause(input.where, params)}`;
      const { header } = await session.query(text, params.values);
      return { affectedRows: header?.affectedRows ?? 0 };
    });
  },
});
