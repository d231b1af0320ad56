import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { affectedRows, insertId, rows } from '../schemas.js';

export const runQuery = defineAction({
  auth,
  key: 'query',
  title: 'Run a SQL statement',
  description:
    'Runs one SQL statement with ? placeholders filled from `values` (bound by the server as a prepared statement, never spliced into the text) and returns its rows and column types, or for INSERT/UPDATE/DELETE the affected row count and insert id. One statement per call: use `transaction` for several.',
  input: Type.Object({
    sql: Type.String({ minLength: 1, description: 'One SQL statement; mark values with ?' }),
    values: Type.Array(Type.Unknown(), {
      default: [],
      description: 'Values for the ? placeholders, in order. Objects and arrays are sent as JSON text; null is NULL.',
    }),
  }),
  output: Type.Object({
    rows,
    rowCount: Type.Integer({
      minimum: 0,
      description: 'Rows returned, or for statements that change data rows affected',
    }),
    fields: Type.Array(
      Type.Object({
        name: Type.String({ description: 'Column name as returned (duplicates: the last one wins in `rows`)' }),
        type: Type.String({ description: 'SQL type name, e.g. int, bigint unsigned, varchar, datetime, json' }),
        typeId: Type.Integer({ description: 'The protocol type code' }),
      }),
      { description: 'The result columns in order; empty for statements that return no rows' },
    ),
    affectedRows: Type.Optional(affectedRows),
    insertId: Type.Optional(insertId),
  }),
  examples: [
    {
      title: 'Select with a parameter',
      input: { sql: 'SELECT id, email, balance FROM customers WHERE id = ?', values: [42] },
      output: {
        rows: [{ id: 42, email: 'ada@example.com', balance: '1200.50' }],
        rowCount: 1,
        fields: [
          { name: 'id', type: 'int', typeId: 3 },
          { name: 'email', type: 'varchar', typeId: 253 },
          { name: 'balance', type: 'decimal', typeId: 246 },
        ],
      },
    },
    {
      title: 'Insert',
      input: { sql: 'INSERT INTO customers (email) VALUES (?)', values: ['bob@example.com'] },
      output: { rows: [], rowCount: 1, fields: [], affectedRows: 1, insertId: 43 },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { rows, fields, header } = await session.query(input.sql, input.values);
      if (!header) return { rows, rowCount: rows.length, fields };
      return {
        rows,
        rowCount: header.affectedRows,
        fields,
        affectedRows: header.affectedRows,
        insertId: header.insertId,
      };
    });
  },
});
