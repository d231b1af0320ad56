import { defineAction, Type } from '@mova/sdk';
import { inTransaction, refuseTransactionBreakers, transactionAction } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { toConnectorError, withSession } from '../client.js';
import { mysql } from '../dialect.js';
import { MySqlError } from '../errors.js';
import { affectedRows, insertId, rows } from '../schemas.js';

export const runTransaction = defineAction({
  auth,
  ...transactionAction({
    description:
      'Runs SQL statements in order inside one transaction: all of them take effect or none does. When one fails the transaction is rolled back and the error names the failing statement by its index (from 0) in `statementIndex`. Statements that would end the transaction early are refused before anything runs: BEGIN, COMMIT, ROLLBACK, SET autocommit, and DDL (CREATE, ALTER, DROP, TRUNCATE ...), which MySQL and MariaDB commit implicitly; CREATE/DROP TEMPORARY TABLE and savepoints are fine. A statement that still ends it (a procedure running DDL) stops the action with an error saying so.',
    statement: {
      sql: 'One SQL statement; mark values with ?. Not BEGIN, COMMIT, ROLLBACK or DDL.',
      values: 'Values for the ? placeholders, in order',
    },
    result: Type.Object({
      rows,
      affectedRows: Type.Optional(affectedRows),
      insertId: Type.Optional(insertId),
    }),
    resultsDescription: 'One result per statement, in order; affectedRows and insertId for statements that change data',
    dialect: mysql,
    exampleResult: { rows: [], affectedRows: 1, insertId: 0 },
  }),
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      refuseTransactionBreakers(mysql, input.statements, ctx.actionKey);
      const last = input.statements.length - 1;
      return inTransaction(session, async () => {
        const results = [];
        for (const [statementIndex, statement] of input.statements.entries()) {
          const outcome = await session.query(statement.sql, statement.values).catch(async (error: unknown) => {
            throw toConnectorError(error, {
              actionKey: ctx.actionKey,
              statementIndex,
              transactionEnded: await endedBy(error),
            });
          });
          // A statement the checks above cannot see through (a procedure running DDL, COMMIT or
          // ROLLBACK) ended the transaction: what ran so far is not ours to roll back any more.
          if (outcome.inTransaction === false) {
            const rest =
              statementIndex < last
                ? `statements ${statementIndex + 1} to ${last} were not run`
                : 'no statement was left to run';
            throw new MySqlError(
              `${ctx.actionKey} ended early: statement ${statementIndex} ended the transaction (it committed implicitly, or ran COMMIT or ROLLBACK), so statements 0 to ${statementIndex} did not run as one transaction and are not rolled back; ${rest}`,
              { kind: 'invalid_input', actionKey: ctx.actionKey, statementIndex },
              'Keep DDL, and procedures that run it or end transactions, out of the transaction action; run them with query.',
            );
          }
          const { rows, header } = outcome;
          results.push(header ? { rows, affectedRows: header.affectedRows, insertId: header.insertId } : { rows });
        }
        return { results };
      });

      /**
       * Whether the transaction was already gone when a statement failed, because the statement
       * ended it before failing (a procedure's DDL commits first). After a deadlock, or a lock
       * wait timeout with innodb_rollback_on_timeout, the server rolled it all back itself, which
       * is what the error says anyway.
       */
      async function endedBy(error: unknown): Promise<boolean> {
        const code = error instanceof Error ? Reflect.get(error, 'code') : undefined;
        if (code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT') return false;
        const probe = await session.query('DO 0').catch(() => undefined);
        return probe?.inTransaction === false;
      }
    });
  },
});
