import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { toConnectorError } from '../errors.js';
import { rows } from '../schemas.js';
import { inTransaction } from '../transaction.js';

export const runTransaction = defineAction({
  auth,
  key: 'transaction',
  title: 'Run statements in a transaction',
  description:
    'Runs SQL statements in order inside one transaction: all of them take effect or none does. When one fails the transaction is rolled back and the error names the failing statement by its index (from 0) in `statementIndex`.',
  input: Type.Object({
    statements: Type.Array(
      Type.Object({
        sql: Type.String({ minLength: 1, description: 'One SQL statement; refer to values as $1, $2 ...' }),
        values: Type.Array(Type.Unknown(), { default: [], description: 'Values for $1, $2 ... in order' }),
      }),
      { minItems: 1, maxItems: 1000, description: 'The statements, run in this order' },
    ),
  }),
  output: Type.Object({
    results: Type.Array(
      Type.Object({
        command: Type.String({ description: 'The command the server ran: INSERT, UPDATE ...' }),
        rowCount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
          description: 'Rows returned or affected; null for commands that report no count',
        }),
        rows,
      }),
      { description: 'One result per statement, in order' },
    ),
  }),
  examples: [
    {
      title: 'Move money between accounts',
      input: {
        statements: [
          { sql: 'UPDATE accounts SET balance = balance - $1 WHERE id = $2', values: [100, 1] },
          { sql: 'UPDATE accounts SET balance = balance + $1 WHERE id = $2', values: [100, 2] },
        ],
      },
      output: {
        results: [
          { command: 'UPDATE', rowCount: 1, rows: [] },
          { command: 'UPDATE', rowCount: 1, rows: [] },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, (session) =>
      inTransaction(session, async () => {
        const results = [];
        for (const [statementIndex, statement] of input.statements.entries()) {
          const result = await session.query(statement.sql, statement.values).catch((error: unknown) => {
            throw toConnectorError(error, { actionKey: ctx.actionKey, statementIndex });
          });
          results.push({ command: result.command, rowCount: result.rowCount, rows: result.rows });
        }
        return { results };
      }),
    );
  },
});
