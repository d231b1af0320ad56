import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { asJson, jsonColumns, needsColumnTypes } from '../json-values.js';
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
        'Columns to change, column to new value. A json/jsonb column stores the value itself as JSON (a string as a JSON string; null is SQL NULL); elsewhere arrays become PostgreSQL arrays and objects JSON text.',
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
      const table = quoteTable(input.table);
      const json = needsColumnTypes(Object.values(input.set))
        ? await jsonColumns(session, input.table)
        : new Set<string>();
      const params = new Parameters();
      const assignments = Object.entries(input.set).map(
        ([column, value]) => `${quoteColumn(column)} = ${params.add(json.has(column) ? asJson(value) : value)}`,
      );
      const text = `UPDATE ${table} SET ${assignments.join(', ')}${whereClause(input.where, params)}${returningClause(input.returning)}`;
      const result = await session.query(text, params.values);
      return { rowCount: result.rowCount ?? 0, rows: result.rows };
    });
  },
});
