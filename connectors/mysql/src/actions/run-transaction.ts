import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { toConnectorError } from '../errors.js';
import { affectedRows, insertId, rows } from '../schemas.js';
import { inTransaction } from '../transaction.js';

export const runTransaction = defineAction({
  auth,
  key: 'transaction',
  title: 'Run statements in a transaction',
  description:
    'Runs SQL statements in order inside one transaction: all of them take effect or none does. When one fails the transaction is rolled back and the error names the failing statement by its index (from 0) in `statementIndex`. DDL (CREATE, ALTER, DROP) commits implicitly in MySQL and MariaDB and cannot be rolled back: keep it out of transactions.',
  input: Type.Object({
    statements: Type.Array(
      Type.Object({
        sql: Type.String({ minLength: 1, description: 'One SQL statement; mark values with ?' }),
        values: Type.Array(Type.Unknown(), { default: [], description: 'Values for the ? placeholders, in order' }),
      }),
      { minItems: 1, maxItems: 1000, description: 'The statements, run in this order' },
    ),
  }),
  output: Type.Object({
    results: Type.Array(
      Type.Object({
        rows,
        affectedRows: Type.Optional(affectedRows),
        insertId: Type.Optional(insertId),
      }),
      { description: 'One result per statement, in order; affectedRows and insertId for statements that change data' },
    ),
  }),
  examples: [
    {
      title: 'Move money between accounts',
      input: {
        statements: [
          { sql: 'UPDATE accounts SET balance = balance - ? WHERE id = ?', values: [100, 1] },
          { sql: 'UPDATE accounts SET balance = balance + ? WHERE id = ?', values: [100, 2] },
        ],
      },
      output: {
        results: [
          { rows: [], affectedRows: 1, insertId: 0 },
          { rows: [], affectedRows: 1, insertId: 0 },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, (session) =>
      inTransaction(session, async () => {
        const results = [];
        for (const [statementIndex, statement] of input.statements.entries()) {
          const { rows, header } = await session.query(statement.sql, statement.values).catch((error: unknown) => {
            throw toConnectorError(error, { actionKey: ctx.actionKey, statementIndex });
          });
          results.push(header ? { rows, affectedRows: header.affectedRows, insertId: header.insertId } : { rows });
        }
        return { results };
      }),
    );
  },
});
