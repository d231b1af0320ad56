import type { Session } from './client.js';

/**
 * Runs `work` between BEGIN and COMMIT; on any failure rolls back and rethrows the original error.
 * A failed ROLLBACK is ignored: it only fails when the connection is gone, and the server rolls
 * back an open transaction whose connection closed anyway.
 */
export async function inTransaction<T>(session: Session, work: () => Promise<T>): Promise<T> {
  await session.query('BEGIN');
  try {
    const result = await work();
    await session.query('COMMIT');
    return result;
  } catch (error) {
    await session.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * The command, when `sql` is one that ends or opens a transaction (BEGIN, START TRANSACTION,
 * COMMIT, END, ROLLBACK, ABORT, PREPARE TRANSACTION): inside the `transaction` action it would
 * commit or drop part of the work and leave the rest to run outside any transaction.
 * ROLLBACK TO SAVEPOINT, SAVEPOINT and RELEASE stay inside the transaction and are allowed.
 */
export function transactionControl(sql: string): string | undefined {
  const [first, second, third] = leadingWords(sql, 3);
  switch (first) {
    case 'BEGIN':
    case 'COMMIT':
    case 'END':
    case 'ABORT':
      return first;
    case 'START':
      return second === 'TRANSACTION' ? 'START TRANSACTION' : undefined;
    case 'PREPARE':
      return second === 'TRANSACTION' ? 'PREPARE TRANSACTION' : undefined;
    case 'ROLLBACK': {
      const to = second === 'WORK' || second === 'TRANSACTION' ? third : second;
      return to === 'TO' ? undefined : 'ROLLBACK';
    }
    default:
      return undefined;
  }
}

/** The first `count` words of a statement, upper-cased, skipping line and (nested) block comments. */
function leadingWords(sql: string, count: number): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < sql.length && words.length < count) {
    if (/\s/.test(sql.charAt(i))) i += 1;
    else if (sql.startsWith('--', i)) i = lineEnd(sql, i);
    else if (sql.startsWith('/*', i)) i = blockCommentEnd(sql, i);
    else {
      const word = /^[A-Za-z_]+/.exec(sql.slice(i))?.[0];
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
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}
