import type { Session } from './client.js';

/**
 * Runs `work` between START TRANSACTION and COMMIT; on any failure rolls back and rethrows the
 * original error. A failed ROLLBACK is ignored: it only fails when the connection is gone, and the
 * server rolls back an open transaction whose connection closed anyway.
 */
export async function inTransaction<T>(session: Session, work: () => Promise<T>): Promise<T> {
  await session.begin();
  try {
    const result = await work();
    await session.commit();
    return result;
  } catch (error) {
    await session.rollback().catch(() => {});
    throw error;
  }
}

/** Why a statement cannot run inside the `transaction` action. */
export interface Refusal {
  /** The statement's leading keyword(s), e.g. COMMIT, START TRANSACTION, CREATE. */
  command: string;
  /** `control` ends or opens a transaction; `implicit-commit` commits the open one first. */
  reason: 'control' | 'implicit-commit';
}

// Statements MySQL and MariaDB commit implicitly, by leading keyword: DDL, account and admin
// statements (https://mariadb.com/kb/en/sql-statements-that-cause-an-implicit-commit/,
// https://dev.mysql.com/doc/refman/8.0/en/implicit-commit.html). They commit even when they fail.
const IMPLICIT_COMMIT = new Set([
  'ALTER',
  'ANALYZE',
  'CACHE',
  'CHANGE',
  'CHECK',
  'CREATE',
  'DROP',
  'FLUSH',
  'GRANT',
  'INSTALL',
  'LOCK',
  'OPTIMIZE',
  'RENAME',
  'REPAIR',
  'RESET',
  'REVOKE',
  'SHUTDOWN',
  'STOP',
  'TRUNCATE',
  'UNINSTALL',
  'UNLOCK',
]);

/**
 * Whether `sql` must stay out of a transaction: a statement that ends or opens one (BEGIN, START
 * TRANSACTION, COMMIT, ROLLBACK, XA, SET autocommit), or one that commits implicitly (DDL and the
 * like; CREATE/DROP TEMPORARY TABLE excepted, they do not). Such a statement inside the
 * `transaction` action would commit part of the work and leave the rest outside any transaction.
 * SAVEPOINT, RELEASE SAVEPOINT and ROLLBACK TO SAVEPOINT stay inside it and are allowed.
 */
export function refusal(sql: string): Refusal | undefined {
  const [first = '', second, third, fourth] = leadingWords(sql, 4);
  const control = (command: string): Refusal => ({ command, reason: 'control' });
  switch (first) {
    case 'BEGIN':
    case 'COMMIT':
    case 'XA':
      return control(first);
    case 'ROLLBACK': {
      const to = second === 'WORK' ? third : second;
      return to === 'TO' ? undefined : control(first);
    }
    case 'START':
      return second === 'TRANSACTION'
        ? control('START TRANSACTION')
        : { command: `START ${second ?? ''}`.trim(), reason: 'implicit-commit' };
    case 'SET':
      if (second === 'PASSWORD') return { command: 'SET PASSWORD', reason: 'implicit-commit' };
      return /\bautocommit\b/i.test(sql) ? control('SET autocommit') : undefined;
    case 'CREATE':
    case 'DROP': {
      const temporary = second === 'OR' && third === 'REPLACE' ? fourth : second;
      if (temporary === 'TEMPORARY') return undefined;
      break;
    }
    case 'LOAD':
      // LOAD INDEX INTO CACHE commits; LOAD DATA and LOAD XML write rows like INSERT.
      return second === 'INDEX' ? { command: 'LOAD INDEX', reason: 'implicit-commit' } : undefined;
  }
  return IMPLICIT_COMMIT.has(first) ? { command: first, reason: 'implicit-commit' } : undefined;
}

/**
 * The first `count` words of a statement, upper-cased, skipping comments. The body of a MySQL
 * executable comment (`/*!50100 ... *\/`, MariaDB's `/*M! ... *\/`) runs, so it is read as SQL.
 */
function leadingWords(sql: string, count: number): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < sql.length && words.length < count) {
    const rest = sql.slice(i);
    const executable = /^\/\*M?!\d*/.exec(rest)?.[0];
    if (/^\s/.test(rest)) i += 1;
    else if (executable) i += executable.length;
    else if (rest.startsWith('*/')) i += 2;
    else if (rest.startsWith('#') || /^--(\s|$)/.test(rest)) i = lineEnd(sql, i);
    else if (rest.startsWith('/*')) i = blockCommentEnd(sql, i);
    else {
      const word = /^[A-Za-z_]+/.exec(rest)?.[0];
      if (!word) break;
      words.push(word.toUpperCase());
      i += word.length;
    }
  }
  return words;
}

function lineEnd(sql: string, from: number): number {
  const end = sql.indexOf('\n', from);
  return end < 0 ? sql.length : end + 1;
}

function blockCommentEnd(sql: string, from: number): number {
  const end = sql.indexOf('*/', from + 2);
  return end < 0 ? sql.length : end + 2;
}
