import { errnoCode, socketFailure } from '../../error-mapping.js';
import { ConnectorError, type ConnectorErrorDetails, type ConnectorErrorKind } from '../../errors.js';
import type { SqlDialect } from './dialect.js';

/** Where a failure happened: the action, and for a transaction the statement (counting from 0). */
export interface SqlWhere {
  actionKey?: string;
  statementIndex?: number;
  /**
   * The failing statement had ended the transaction before it failed (it committed implicitly),
   * so the error must not claim that the statements before it were rolled back.
   */
  transactionEnded?: boolean;
}

export interface SqlErrorDetails extends ConnectorErrorDetails {
  /** The SQLSTATE, e.g. 23505. */
  sqlState?: string;
  /** The server's or driver's named code, e.g. ER_DUP_ENTRY. */
  errorCode?: string;
  /** The server's error number, e.g. 1062. */
  errno?: number;
  statementIndex?: number;
}

/**
 * A database failure. Besides the SDK's fields it keeps the SQLSTATE, the server's code and
 * number, and for a transaction the index of the statement that failed; those it has travel in
 * `toJSON`, so a run record shows them. Dialects subclass it for their error name.
 */
export class SqlError extends ConnectorError {
  readonly sqlState?: string;
  readonly errorCode?: string;
  readonly errno?: number;
  readonly statementIndex?: number;

  constructor(message: string, details: SqlErrorDetails, hint?: string) {
    super(message, details, hint);
    this.sqlState = details.sqlState;
    this.errorCode = details.errorCode;
    this.errno = details.errno;
    this.statementIndex = details.statementIndex;
  }

  override toJSON(): Record<string, unknown> {
    const own = { sqlState: this.sqlState, errorCode: this.errorCode, errno: this.errno };
    return {
      ...super.toJSON(),
      ...Object.fromEntries(Object.entries(own).filter(([, value]) => value !== undefined)),
      statementIndex: this.statementIndex,
    };
  }
}

/**
 * Input refused before anything reaches the server (a bad table name, an unfiltered delete).
 * Thrown while building SQL; `toSqlError` turns it into an invalid_input error with the action key.
 */
export class InputProblem extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'InputProblem';
  }
}

export function invalidInput(message: string, hint: string): InputProblem {
  return new InputProblem(message, hint);
}

/** What a dialect reads off a driver failure. */
export interface SqlFailure {
  kind: ConnectorErrorKind;
  /** The message after `<action> failed: `. */
  what: string;
  vendorMessage?: string;
  hint?: string;
  sqlState?: string;
  errorCode?: string;
  errno?: number;
}

/**
 * Turns anything a driver or the network threw into the dialect's SqlError; a ConnectorError
 * passes through. Socket failures (unreachable, unknown host, refused TLS certificate) are read
 * the same way for every dialect; the rest is the dialect's `describeFailure`.
 */
export function toSqlError(dialect: SqlDialect, error: unknown, where: SqlWhere = {}): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const { transactionEnded, ...at } = where;
  const label = labelOf(where, transactionEnded);
  if (error instanceof InputProblem) {
    return new dialect.errorClass(`${label} refused: ${error.message}`, { kind: 'invalid_input', ...at }, error.hint);
  }
  const cause = error instanceof Error ? error : new Error(String(error));
  const failure = socketOrHost(dialect, cause) ?? dialect.describeFailure(cause) ?? unknownFailure(cause);
  const { what, hint, kind, vendorMessage = cause.message, ...codes } = failure;
  return new dialect.errorClass(`${label} failed: ${what}`, { kind, vendorMessage, cause, ...codes, ...at }, hint);
}

function labelOf(where: SqlWhere, transactionEnded: boolean | undefined): string {
  if (where.statementIndex === undefined) return where.actionKey ?? 'connection';
  const action = where.actionKey ?? 'transaction';
  return transactionEnded
    ? `${action} not rolled back: statement ${where.statementIndex} ended the transaction (an implicit commit, COMMIT or ROLLBACK inside it settled what ran before it) and then`
    : `${action} rolled back: statement ${where.statementIndex}`;
}

function socketOrHost(dialect: SqlDialect, cause: Error): SqlFailure | undefined {
  const code = errnoCode(cause);
  if (code === 'ENOTFOUND') {
    return {
      kind: 'not_found',
      what: cause.message,
      errorCode: code,
      hint: 'The host name does not resolve; check the host in the connection.',
    };
  }
  const socket = socketFailure('the server', cause);
  if (!socket) return undefined;
  if (socket.message?.startsWith('cannot reach')) {
    return {
      kind: 'transient',
      what: socket.message,
      errorCode: code,
      hint: 'Check that the server is running and the host and port are right; retrying helps if it was restarting.',
    };
  }
  return {
    kind: 'auth',
    what: `the server's TLS certificate was rejected (${code})`,
    errorCode: code,
    hint: dialect.tlsHint,
  };
}

function unknownFailure(cause: Error): SqlFailure {
  return { kind: 'unknown', what: cause.message };
}
