import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { rows, tableField, whereField } from '../schemas.js';
import { columnList, Parameters, quoteColumn, quoteTable, whereClause } from '../sql.js';

export const selectRows = defineAction({
  auth,
  key: 'rows.select',
  title: 'Select rows',
  description:
    'Reads rows from a table, filtered by column equalities, sorted and paged. Filter values travel as parameters. For joins or other conditions use `query`.',
  input: Type.Object({
    table: tableField,
    columns: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'Columns to return; all if omitted' }),
    ),
    where: Type.Optional(whereField),
    orderBy: Type.Optional(
      Type.Array(
        Type.Object({
          column: Type.String({ minLength: 1, description: 'Column to sort by' }),
          direction: Type.Optional(
            Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'asc (default) or desc' }),
          ),
        }),
        { minItems: 1, description: 'Sort keys, most significant first' },
      ),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 100,
      description: 'At most this many rows (default 100); page with offset for more',
    }),
    offset: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Rows to skip first; use with orderBy for stable pages' }),
    ),
  }),
  output: Type.Object({ rows, rowCount: Type.Integer({ minimum: 0, description: 'How many rows came back' }) }),
  examples: [
    {
      title: 'Newest open orders of a customer',
      input: {
        table: 'shop.orders',
        columns: ['id', 'total'],
        where: { customer_id: 42, status: 'open' },
        orderBy: [{ column: 'created_at', direction: 'desc' }],
        limit: 10,
      },
      output: { rows: [{ id: 7, total: '99.90' }], rowCount: 1 },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const params = new Parameters();
      const order = (input.orderBy ?? []).map(
        (o) => `${quoteColumn(o.column)} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`,
      );
      const text = [
        `SELECT ${columnList(input.columns)} FROM ${quoteTable(input.table)}`,
        whereClause(input.where, params),
        order.length > 0 ? ` ORDER BY ${order.join(', ')}` : '',
        ` LIMIT ${params.add(input.limit)}`,
        input.offset !== undefined ? ` OFFSET ${params.add(input.offset)}` : '',
      ].join('');
      const result = await session.query(text, params.values);
      return { rows: result.rows, rowCount: result.rows.length };
    });
  },
});
