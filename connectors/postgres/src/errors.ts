import type { ConnectorErrorKind } from '@mova/sdk';
import { SqlError, type SqlFailure } from '@mova/sdk/sql';
import pg from 'pg';

/**
 * A PostgreSQL failure: the SQL kit's error (SQLSTATE, and for `transaction` the index of the
 * failing statement, in `toJSON`) under PostgreSQL's name, so run records say where it came from.
 */
export class PostgresError extends SqlError {}

/**
 * Reads what pg threw: a server error by its SQLSTATE, or one of pg's own errors, which come
 * without a code so their text is all there is to go on. Socket and TLS failures are the kit's.
 */
export function describeFailure(error: unknown): SqlFailure | undefined {
  if (error instanceof pg.DatabaseError) {
    const sqlState = error.code ?? '';
    const detail = error.detail ? ` ${error.detail}` : '';
    return {
      kind: kindForSqlState(sqlState),
      what: `${error.message}.${detail} (SQLSTATE ${sqlState})`,
      vendorMessage: error.message,
      sqlState,
      hint: error.hint,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/does not support SSL/.test(message)) {
    return { kind: 'auth', what: message, hint: 'Set ssl to false in the connection, or enable SSL on the server.' };
  }
  if (/client password must be a (non-empty )?string/.test(message)) {
    return {
      kind: 'auth',
      what: 'the server asks for a password and the connection has none',
      hint: 'Add the password to the connection.',
    };
  }
  if (/^Connection terminated|timeout expired|Query read timeout/.test(message)) {
    return { kind: 'transient', what: message };
  }
  return undefined;
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
