import { defineAction, Type } from '@mova/sdk';
import { inTransaction, refuseTransactionBreakers, transactionAction } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { toConnectorError, withSession } from '../client.js';
import { sqlite } from '../dialect.js';
import { statementResult } from '../schemas.js';

export const runTransaction = defineAction({
  auth,
  ...transactionAction({
    description:
      'Runs SQL statements in order inside one transaction: all of them take effect or none does. When one fails the transaction is rolled back and the error names the failing statement by its index (from 0) in `statementIndex`. The action opens and commits the transaction itself (taking the write lock first, so other runs wait rather than interleave): BEGIN, COMMIT, END and ROLLBACK are refused before anything runs (SAVEPOINT and ROLLBACK TO are fine). DDL is transactional in SQLite.',
    statement: {
      sql: 'One SQL statement; refer to values as ?. Not BEGIN, COMMIT or ROLLBACK.',
      values: 'Values for the placeholders, in order, as in `query`',
    },
    result: Type.Object(statementResult),
    resultsDescription: 'One result per statement, in order',
    dialect: sqlite,
    exampleResult: { command: 'UPDATE', rows: [], changes: 1, lastInsertRowid: null },
  }),
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      refuseTransactionBreakers(sqlite, input.statements, ctx.actionKey);
      return inTransaction(session, async () => {
        const results = [];
        for (const [statementIndex, { sql, values }] of input.statements.entries()) {
          results.push(
            await session.query(sql, values).catch((error: unknown) => {
              throw toConnectorError(error, { actionKey: ctx.actionKey, statementIndex });
            }),
          );
        }
        return { results };
      });
    });
  },
});
