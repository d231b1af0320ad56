import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { tableField, whereField } from '../schemas.js';
import { guardAllRows, Parameters, quoteColumn, quoteTable, whereClause } from '../sql.js';

export const updateRows = defineAction({
  auth,
  key: 'rows.update',
  title: 'Update rows',
  description:
    'Sets columns on the rows matching column equalities. Refuses to touch every row unless `allRows` is true, so an empty filter never rewrites a table by accident.',
  input: Type.Object({
    table: tableField,
    set: Type.Record(Type.String(), Type.Unknown(), {
      minProperties: 1,
      description: 'Columns to change, column to new value. Objects and arrays are stored as JSON text.',
    }),
    where: Type.Optional(whereField),
    allRows: Type.Boolean({ default: false, description: 'Set true to update every row when `where` is empty' }),
  }),
  output: Type.Object({
    matchedRows: Type.Integer({ minimum: 0, description: 'Rows that matched the conditions' }),
    affectedRows: Type.Integer({
      minimum: 0,
      description: 'Of those, rows whose values actually changed (MySQL does not rewrite a row set to what it holds)',
    }),
  }),
  examples: [
    {
      title: 'Close an order',
      input: { table: 'orders', set: { status: 'closed' }, where: { id: 7 }, allRows: false },
      output: { matchedRows: 1, affectedRows: 1 },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      guardAllRows(input.where, input.allRows, 'update');
      const params = new Parameters();
      const assignments = Object.entries(input.set).map(
        ([column, value]) => `${quoteColumn(column)} = ${params.add(value)}`,
      );
      const text = `UPDATE ${quoteTable(input.table)} SET ${assignments.join(', ')}${whereClause(input.where, params)}`;
      const { header } = await session.query(text, params.values);
      return { matchedRows: header?.matchedRows ?? 0, affectedRows: header?.affectedRows ?? 0 };
    });
  },
});
