import { describe, expect, it } from 'vitest';
import { AnsiError, ansi } from '../../../test/ansi-dialect.js';
import {
  inTransaction,
  leadingWords,
  refuseTransactionBreakers,
  runAll,
  standardTransactionControl,
  transactionRefusal,
} from './transaction.js';

function recordingSession(fail?: string) {
  const log: string[] = [];
  const session = {
    log,
    begin: async () => void log.push('BEGIN'),
    commit: async () => void log.push('COMMIT'),
    rollback: async () => void log.push('ROLLBACK'),
    query: async (text: string) => {
      log.push(text);
      if (text === fail) throw new Error(`${text} failed`);
      return { text };
    },
  };
  return session;
}

describe('leadingWords', () => {
  it('skips nested block comments and -- lines the standard way', () => {
    expect(leadingWords('  -- why\n  /* a /* nested */ comment */ rollback to a', 3, { nestedBlocks: true })).toEqual([
      'ROLLBACK',
      'TO',
      'A',
    ]);
    expect(leadingWords('/* COMMIT */ SELECT 1', 1, {})).toEqual(['SELECT']);
    expect(leadingWords('START_TIME', 2, {})).toEqual(['START_TIME']);
  });

  it('reads MySQL comments: #, "-- " only with a space, executable comments as SQL', () => {
    const mysql = { hash: true, dashDashNeedsSpace: true, executableComments: true };
    expect(leadingWords('# why\n-- because\n/* really */ COMMIT', 1, mysql)).toEqual(['COMMIT']);
    expect(leadingWords('/*!40101 SET autocommit=1 */', 2, mysql)).toEqual(['SET', 'AUTOCOMMIT']);
    expect(leadingWords('/*M!100301 DROP TABLE t */', 1, mysql)).toEqual(['DROP']);
    expect(leadingWords('--COMMIT', 1, mysql)).toEqual([]);
  });
});

describe('transaction refusals', () => {
  it.each([
    ['COMMIT', 'COMMIT'],
    ['commit work', 'COMMIT'],
    ['BEGIN', 'BEGIN'],
    ['start transaction read only', 'START TRANSACTION'],
    ['ROLLBACK', 'ROLLBACK'],
    ['ROLLBACK TRANSACTION', 'ROLLBACK'],
  ])('%j is transaction control (%s)', (sql, command) => {
    expect(transactionRefusal(ansi, sql)).toEqual({ command, reason: 'control' });
  });

  it.each([
    'ROLLBACK TO SAVEPOINT a',
    'rollback to a',
    'ROLLBACK WORK TO SAVEPOINT a',
    'SAVEPOINT a',
    "INSERT INTO log VALUES ('COMMIT')",
    'START_TIME',
  ])('%j is allowed', (sql) => {
    expect(standardTransactionControl(leadingWords(sql, 3, {}))).toBeUndefined();
  });

  it('refuses a breaking statement before anything runs, naming it', () => {
    const statements = [{ sql: 'SELECT 1' }, { sql: 'COMMIT' }];
    expect(() => refuseTransactionBreakers(ansi, statements, 'transaction')).toThrow(AnsiError);
    try {
      refuseTransactionBreakers(ansi, statements, 'transaction');
    } catch (error) {
      expect(error).toMatchObject({
        kind: 'invalid_input',
        statementIndex: 1,
        actionKey: 'transaction',
        message:
          'transaction refused: statement 1 is COMMIT, which would end the transaction the statements run in (or open another); nothing was run',
      });
    }
    const ddl = { ...ansi, transactionRefusal: () => ({ command: 'CREATE', reason: 'implicit-commit' as const }) };
    expect(() => refuseTransactionBreakers(ddl, [{ sql: 'CREATE TABLE t (x int)' }], 'transaction')).toThrow(
      'which AnsiSQL commits implicitly',
    );
  });
});

describe('inTransaction and runAll', () => {
  it('commits when the work succeeds and rolls back with the original error when it fails', async () => {
    const ok = recordingSession();
    await expect(inTransaction(ok, async () => 42)).resolves.toBe(42);
    expect(ok.log).toEqual(['BEGIN', 'COMMIT']);
    const failing = recordingSession();
    const failure = new Error('boom');
    await expect(
      inTransaction({ ...failing, rollback: () => Promise.reject(new Error('gone')) }, () => Promise.reject(failure)),
    ).rejects.toBe(failure);
  });

  it('runs one statement alone and several in one transaction', async () => {
    const one = recordingSession();
    await runAll(one, [{ text: 'A', values: [] }]);
    expect(one.log).toEqual(['A']);
    const many = recordingSession('B');
    const statements = ['A', 'B', 'C'].map((text) => ({ text, values: [] }));
    await expect(runAll(many, statements)).rejects.toThrow('B failed');
    expect(many.log).toEqual(['BEGIN', 'A', 'B', 'ROLLBACK']);
  });
});
