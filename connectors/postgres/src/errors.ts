import { ConnectorError, type ConnectorErrorDetails, type ConnectorErrorKind } from '@mova/sdk';
import pg from 'pg';

/**
 * A PostgreSQL failure. Besides the SDK's fields it keeps the SQLSTATE code and, for `transaction`,
 * the index of the statement that failed; both travel in `toJSON` so a run record shows them.
 */
export class PostgresError extends ConnectorError {
  readonly sqlState?: string;
  readonly statementIndex?: number;

  constructor(message: string, details: ConnectorErrorDetails & Where & { sqlState?: string }, hint?: string) {
    super(message, details, hint);
    this.sqlState = details.sqlState;
    this.statementIndex = details.statementIndex;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), sqlState: this.sqlState, statementIndex: this.statementIndex };
  }
}

/** Where a failure happened: the action, and for a transaction the statement (counting from 0). */
export interface Where {
  actionKey?: string;
  statementIndex?: number;
}

/**
 * Input the connector refuses before anything reaches the server. Thrown while building SQL inside
 * `withSession`, which turns it into an invalid_input PostgresError carrying the action key.
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

// Node socket codes worth a retry; TLS certificate codes mean the connection settings are wrong.
const TRANSIENT_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const TLS_CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

/** Turns anything pg or the network threw into a PostgresError; a ConnectorError passes through. */
export function toConnectorError(error: unknown, where: Where = {}): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const label =
    where.statementIndex === undefined
      ? (where.actionKey ?? 'connection')
      : `${where.actionKey ?? 'transaction'} rolled back: statement ${where.statementIndex}`;
  if (error instanceof pg.DatabaseError) {
    const sqlState = error.code ?? '';
    const detail = error.detail ? ` ${error.detail}` : '';
    return new PostgresError(
      `${label} failed: ${error.message}.${detail} (SQLSTATE ${sqlState})`,
      { kind: kindForSqlState(sqlState), vendorMessage: error.message, sqlState, cause: error, ...where },
      error.hint,
    );
  }
  if (error instanceof InputProblem) {
    return new PostgresError(`${label} refused: ${error.message}`, { kind: 'invalid_input', ...where }, error.hint);
  }
  const cause = error instanceof Error ? error : new Error(String(error));
  const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  const fail = (kind: ConnectorErrorKind, what: string, hint?: string) =>
    new PostgresError(`${label} failed: ${what}`, { kind, vendorMessage: cause.message, cause, ...where }, hint);
  if (code === 'ENOTFOUND') {
    return fail('not_found', cause.message, 'The host name does not resolve; check the host in the connection.');
  }
  if (code && TRANSIENT_NETWORK.has(code)) {
    return fail(
      'transient',
      `cannot reach the server (${code})`,
      'Check that the server is running and the host and port are right; retrying helps if it was restarting.',
    );
  }
  if (code && TLS_CERTIFICATE.test(code)) {
    return fail(
      'auth',
      `the server's TLS certificate was rejected (${code})`,
      'Give the server a certificate your CA trusts, or set ssl to "require" to encrypt without checking it.',
    );
  }
  // pg raises the rest as plain Errors without a code, so their text is all there is to go on.
  if (/does not support SSL/.test(cause.message)) {
    return fail('auth', cause.message, 'Set ssl to false in the connection, or enable SSL on the server.');
  }
  if (/client password must be a (non-empty )?string/.test(cause.message)) {
    return fail(
      'auth',
      'the server asks for a password and the connection has none',
      'Add the password to the connection.',
    );
  }
  if (/^Connection terminated|timeout expired|Query read timeout/.test(cause.message)) {
    return fail('transient', cause.message);
  }
  return fail('unknown', cause.message);
}

/** Classes from https://www.postgresql.org/docs/current/errcodes-appendix.html */
export function kindForSqlState(code: string): ConnectorErrorKind {
  switch (code) {
    case '23505': // unique_violation
      return 'conflict';
    case '42P01': // undefined_table
    case '3F000': // invalid_schema_name
    case '3D000': // invalid_catalog_name: the connection's database does not exist
      return 'not_found';
    case '42501': // insufficient_privilege
      return 'auth';
    case '57P01': // admin_shutdown
    case '57P02': // crash_shutdown
    case '57P03': // cannot_connect_now
    case '40001': // serialization_failure: retrying the transaction is the documented remedy
    case '40P01': // deadlock_detected
      return 'transient';
  }
  switch (code.slice(0, 2)) {
    case '28': // invalid authorization specification
      return 'auth';
    case '08': // connection exception
    case '53': // insufficient resources, e.g. too_many_connections
      return 'transient';
    case '22': // data exception
    case '23': // integrity constraint violation
    case '42': // syntax error or access rule violation
      return 'invalid_input';
    default:
      return 'unknown';
  }
}
