import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { returnedRows, returningField, rowCount, tableField, whereField } from '../schemas.js';
import { guardAllRows, Parameters, quoteColumn, quoteTable, returningClause, whereClause } from '../sql.js';

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
      description:
        'Columns to change, column to new value. Objects are stored as JSON text, arrays as PostgreSQL arrays.',
    }),
    where: Type.Optional(whereField),
    allRows: Type.Boolean({ default: false, description: 'Set true to update every row when `where` is empty' }),
    returning: Type.Optional(returningField),
  }),
  output: Type.Object({
    rowCount,
    rows: returnedRows,
  }),
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
      guardAllRows(input.where, input.allRows, 'update');
      const params = new Parameters();
      const assignments = Object.entries(input.set).map(
        ([column, value]) => `${quoteColumn(column)} = ${params.add(value)}`,
      );
      const text = `UPDATE ${quoteTable(input.table)} SET ${assignments.join(', ')}${whereClause(input.where, params)}${returningClause(input.returning)}`;
      const result = await session.query(text, params.values);
      return { rowCount: result.rowCount ?? 0, rows: result.rows };
    });
  },
});
