import type { SqlDialect, SqlQuery } from './dialect.js';
import type { SqlSession } from './session.js';

/** What a session offers to run work in one transaction. */
export interface TransactionSession {
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Runs `work` between BEGIN and COMMIT; on any failure rolls back and rethrows the original error.
 * A failed ROLLBACK is ignored: it only fails when the connection is gone, and the server rolls
 * back an open transaction whose connection closed anyway.
 */
export async function inTransaction<T>(session: TransactionSession, work: () => Promise<T>): Promise<T> {
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

/**
 * Runs the statements in order and returns their results: alone when there is one, else in one
 * transaction, so a batched insert is all or nothing.
 */
export async function runAll<R>(session: SqlSession<R>, statements: readonly SqlQuery[]): Promise<R[]> {
  const each = async () => {
    const results: R[] = [];
    for (const { text, values } of statements) results.push(await session.query(text, values));
    return results;
  };
  return statements.length === 1 ? each() : inTransaction(session, each);
}

/** How a dialect writes comments, so the keyword reader can skip them. */
export interface CommentSyntax {
  /** `#` starts a line comment (MySQL). */
  hash?: boolean;
  /** `--` is a comment only when followed by white space (MySQL). */
  dashDashNeedsSpace?: boolean;
  /** Block comments nest (PostgreSQL). */
  nestedBlocks?: boolean;
  /** `/*! … *\/` and `/*M! … *\/` bodies run as SQL (MySQL, MariaDB). */
  executableComments?: boolean;
}

/** Why a statement cannot run inside a transaction the kit opened. */
export interface SqlRefusal {
  /** The statement's leading keyword(s), e.g. COMMIT, START TRANSACTION, CREATE. */
  command: string;
  /** `control` ends or opens a transaction; `implicit-commit` commits the open one first. */
  reason: 'control' | 'implicit-commit';
}

/**
 * The first `count` words of a statement, upper-cased, skipping comments as the dialect writes them.
 * @example
 * leadingWords('/* why *\/ rollback to a', 3, {}) // ['ROLLBACK', 'TO', 'A']
 */
export function leadingWords(sql: string, count: number, syntax: CommentSyntax): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < sql.length && words.length < count) {
    const rest = sql.slice(i);
    const executable = syntax.executableComments ? /^\/\*M?!\d*/.exec(rest)?.[0] : undefined;
    if (/^\s/.test(rest)) i += 1;
    else if (executable) i += executable.length;
    else if (syntax.executableComments && rest.startsWith('*/')) i += 2;
    else if ((syntax.hash && rest.startsWith('#')) || lineComment(rest, syntax)) i = lineEnd(sql, i);
    else if (rest.startsWith('/*')) i = blockCommentEnd(sql, i, syntax.nestedBlocks === true);
    else {
      const word = /^[A-Za-z_]+/.exec(rest)?.[0];
      if (!word) break;
      words.push(word.toUpperCase());
      i += word.length;
    }
  }
  return words;
}

function lineComment(rest: string, syntax: CommentSyntax): boolean {
  return syntax.dashDashNeedsSpace ? /^--(\s|$)/.test(rest) : rest.startsWith('--');
}

function lineEnd(sql: string, from: number): number {
  const end = sql.indexOf('\n', from);
  return end < 0 ? sql.length : end + 1;
}

function blockCommentEnd(sql: string, from: number, nested: boolean): number {
  if (!nested) {
    const end = sql.indexOf('*/', from + 2);
    return end < 0 ? sql.length : end + 2;
  }
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

/**
 * The refusal standard SQL's transaction statements earn: BEGIN, COMMIT, ROLLBACK (but not
 * ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT], which stays inside the transaction) and START
 * TRANSACTION. Dialects add their own (END, XA, SET autocommit, implicit commits) around it.
 */
export function standardTransactionControl(words: readonly string[]): SqlRefusal | undefined {
  const [first, second, third] = words;
  switch (first) {
    case 'BEGIN':
    case 'COMMIT':
      return { command: first, reason: 'control' };
    case 'ROLLBACK': {
      const to = second === 'WORK' || second === 'TRANSACTION' ? third : second;
      return to === 'TO' ? undefined : { command: first, reason: 'control' };
    }
    case 'START':
      return second === 'TRANSACTION' ? { command: 'START TRANSACTION', reason: 'control' } : undefined;
    default:
      return undefined;
  }
}

/** Why `sql` cannot run inside the kit's transaction, in the dialect's terms; `undefined` when it can. */
export function transactionRefusal(dialect: SqlDialect, sql: string): SqlRefusal | undefined {
  return dialect.transactionRefusal(leadingWords(sql, 4, dialect.comments), sql);
}

/**
 * Refuses, before anything runs, a list of statements one of which would end the transaction
 * they are to run in (or open another), or commit implicitly: it would commit part of the work
 * and leave the rest to run outside any transaction.
 */
export function refuseTransactionBreakers(
  dialect: SqlDialect,
  statements: readonly { sql: string }[],
  actionKey: string,
): void {
  for (const [statementIndex, { sql }] of statements.entries()) {
    const refused = transactionRefusal(dialect, sql);
    if (!refused) continue;
    const why =
      refused.reason === 'control'
        ? 'which would end the transaction the statements run in (or open another)'
        : `which ${dialect.name} commits implicitly, together with everything before it`;
    throw new dialect.errorClass(
      `${actionKey} refused: statement ${statementIndex} is ${refused.command}, ${why}; nothing was run`,
      { kind: 'invalid_input', actionKey, statementIndex },
      refused.reason === 'control'
        ? 'Leave out BEGIN, COMMIT and ROLLBACK: the action opens the transaction and commits it when every statement succeeded. For a partial undo use SAVEPOINT and ROLLBACK TO SAVEPOINT.'
        : 'Run DDL with the query action before or after the transaction; it cannot be rolled back.',
    );
  }
}
