import type { SqlDialect } from './dialect.js';
import { toSqlError } from './errors.js';
import type { TransactionSession } from './transaction.js';

/** A session as the kit's transactions use it; `R` is the driver's result of one statement. */
export interface SqlSession<R> extends TransactionSession {
  /** Runs ONE statement, its values bound by the driver, never spliced into the text. */
  query(text: string, values?: unknown[]): Promise<R>;
}

/** How a connector opens, cancels and closes one connection of its driver, and talks over it. */
export interface SqlDriver<C, Conn, S> {
  /** The dialect failures are mapped by. */
  readonly dialect: SqlDialect;
  /** Opens (connects) a connection for the connection settings `connection`. */
  open(connection: C): Promise<Conn>;
  /**
   * Stops the statement `open` is running, on the server (over a second connection, say): closing
   * the first would not stop it, as a server notices a gone client only when it next writes.
   */
  cancel(connection: C, open: Conn): Promise<void>;
  /** Closes the connection; `aborted` when the call was cancelled and nothing should wait for it. */
  close(open: Conn, aborted: boolean): Promise<void>;
  /** The session actions talk through, given a way to the connection (opened on first use). */
  session(connection: () => Promise<Conn>): S;
}

/** What a call passes: the step's signal and action key. */
export interface SessionContext {
  signal?: AbortSignal;
  actionKey?: string;
}

/**
 * A connector's `withSession`: runs `work` with one connection for the call, opened on first
 * use (so input refused while building SQL never connects) and always closed. When the signal
 * aborts (step timeout, run cancelled) the call rejects with its reason at once and the running
 * statement is cancelled on the server, so it neither keeps working nor commits. Every other
 * failure leaves as the dialect's SqlError with the action key.
 *
 * One connection per call rather than a pool: a pool would outlive the call in a worker that may
 * be recycled at any moment, would have to be keyed by connection secrets, and is the runtime's
 * decision (a connector@version worker pool) rather than an action's.
 * @example
 * export const withSession = sqlSessions({ dialect, open, cancel, close, session: (connection) => ({ ... }) });
 * await withSession(auth, ctx, (session) => session.query('SELECT 1'));
 */
export function sqlSessions<C, Conn, S>(driver: SqlDriver<C, Conn, S>) {
  return async function withSession<T>(
    connection: C,
    ctx: SessionContext | undefined,
    work: (session: S) => Promise<T>,
  ): Promise<T> {
    const signal = ctx?.signal;
    let opened: Conn | undefined;
    let opening: Promise<Conn> | undefined;
    let finished = false;
    const use = (): Promise<Conn> => {
      if (!opening) {
        signal?.throwIfAborted();
        opening = driver.open(connection).then((created) => {
          opened = created;
          // Aborted while connecting: the call is already over, so nobody else would close it.
          if (finished) driver.close(created, true).catch(() => {});
          return created;
        });
      }
      return opening;
    };
    const cancel = () => {
      if (opened) driver.cancel(connection, opened).catch(() => {});
    };
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      signal?.throwIfAborted();
      return await untilAborted(work(driver.session(use)), signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw toSqlError(driver.dialect, error, { actionKey: ctx?.actionKey });
    } finally {
      finished = true;
      signal?.removeEventListener('abort', cancel);
      if (opened) await driver.close(opened, signal?.aborted === true).catch(() => {});
    }
  };
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
