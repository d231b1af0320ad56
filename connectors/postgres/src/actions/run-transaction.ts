import { defineAction, Type } from '@mova/sdk';
import { inTransaction, refuseTransactionBreakers, transactionAction } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { toConnectorError, withSession } from '../client.js';
import { postgres } from '../dialect.js';
import { jsonArrayParameters } from '../json-values.js';
import { rows } from '../schemas.js';

export const runTransaction = defineAction({
  auth,
  ...transactionAction({
    description:
      'Runs SQL statements in order inside one transaction: all of them take effect or none does. When one fails the transaction is rolled back and the error names the failing statement by its index (from 0) in `statementIndex`. The action opens and commits the transaction itself: BEGIN, COMMIT, ROLLBACK and other statements that would end it early are refused before anything runs (SAVEPOINT and ROLLBACK TO SAVEPOINT are fine).',
    statement: {
      sql: 'One SQL statement; refer to values as $1, $2 ... Not BEGIN, COMMIT or ROLLBACK.',
      values: 'Values for $1, $2 ... in order, as in `query`: an array is JSON for a json/jsonb parameter',
    },
    result: Type.Object({
      command: Type.String({ description: 'The command the server ran: INSERT, UPDATE ...' }),
      rowCount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
        description: 'Rows returned or affected; null for commands that report no count',
      }),
      rows,
    }),
    resultsDescription: 'One result per statement, in order',
    dialect: postgres,
    exampleResult: { command: 'UPDATE', rowCount: 1, rows: [] },
  }),
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      refuseTransactionBreakers(postgres, input.statements, ctx.actionKey);
      // Parameter types are looked up before BEGIN: a statement that cannot be prepared must not
      // abort the transaction.
      const statements: { sql: string; values: unknown[] }[] = [];
      for (const { sql, values } of input.statements) {
        statements.push({ sql, values: await jsonArrayParameters(session, sql, values) });
      }
      return inTransaction(session, async () => {
        const results = [];
        for (const [statementIndex, statement] of statements.entries()) {
          const result = await session.query(statement.sql, statement.values).catch((error: unknown) => {
            throw toConnectorError(error, { actionKey: ctx.actionKey, statementIndex });
          });
          results.push({ command: result.command, rowCount: result.rowCount, rows: result.rows });
        }
        return { results };
      });
    });
  },
});
