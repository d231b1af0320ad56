import type { ConnectorErrorKind } from '@mova/sdk';
import { SqlError, type SqlFailure } from '@mova/sdk/sql';

/**
 * A MySQL/MariaDB failure: the SQL kit's error (the server's error code such as ER_DUP_ENTRY,
 * number such as 1062, SQLSTATE and, for `transaction`, the index of the failing statement, all in
 * `toJSON`) under this connector's name, so run records say where it came from.
 */
export class MySqlError extends SqlError {}

// https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html and, for MariaDB's own
// errors (named as MariaDB names them, see mariadb-errors.ts), https://err.mariadb.com/<number>.
// Most codes are classified by their SQLSTATE below; these are the ones whose SQLSTATE says
// nothing (HY000, general error) or would mislead.
const KINDS: Record<string, ConnectorErrorKind> = {
  ER_DUP_ENTRY: 'conflict',
  ER_DUP_KEY: 'conflict',
  ER_DUP_ENTRY_WITH_KEY_NAME: 'conflict',
  ER_NO_SUCH_TABLE: 'not_found',
  ER_BAD_DB_ERROR: 'not_found',
  ER_BAD_TABLE_ERROR: 'not_found',
  ENOTFOUND: 'not_found',
  HANDSHAKE_NO_SSL_SUPPORT: 'auth',
  ER_LOCK_DEADLOCK: 'transient',
  ER_LOCK_WAIT_TIMEOUT: 'transient',
  ER_CON_COUNT_ERROR: 'transient',
  ER_TOO_MANY_USER_CONNECTIONS: 'transient',
  ER_SERVER_SHUTDOWN: 'transient',
  ER_QUERY_INTERRUPTED: 'transient',
  ECONNREFUSED: 'transient',
  ECONNRESET: 'transient',
  ETIMEDOUT: 'transient',
  EPIPE: 'transient',
  EHOSTUNREACH: 'transient',
  ENETUNREACH: 'transient',
  EAI_AGAIN: 'transient',
  PROTOCOL_CONNECTION_LOST: 'transient',
  PROTOCOL_SEQUENCE_TIMEOUT: 'transient',
  ER_PARSE_ERROR: 'invalid_input',
  // HY000 errors that are the input's fault: a NOT NULL column without default left out (1364),
  // a value of the wrong type for a column (MySQL's 1366) or an operator (MariaDB's 4078/4079),
  // a failed CHECK constraint (MySQL's 3819; MariaDB's 4025 carries 23000).
  ER_NO_DEFAULT_FOR_FIELD: 'invalid_input',
  ER_NO_DEFAULT_FOR_VIEW_FIELD: 'invalid_input',
  ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: 'invalid_input',
  ER_CHECK_CONSTRAINT_VIOLATED: 'invalid_input',
  ER_CONSTRAINT_FAILED: 'invalid_input',
  ER_ILLEGAL_PARAMETER_DATA_TYPES2_FOR_OPERATION: 'invalid_input',
  ER_ILLEGAL_PARAMETER_DATA_TYPE_FOR_OPERATION: 'invalid_input',
  // MariaDB's: the connection was killed, or max_statement_time cut the statement off (70100).
  ER_CONNECTION_KILLED: 'transient',
  ER_STATEMENT_TIMEOUT: 'transient',
};

// Node's TLS codes: the connection's ssl settings do not fit the server's certificate.
const TLS_CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

/** The kind for a driver or server error code, falling back on the SQLSTATE class. */
export function kindForMySqlError(code: string | undefined, sqlState: string | undefined): ConnectorErrorKind {
  const known = code ? KINDS[code] : undefined;
  if (known) return known;
  // ER_ACCESS_DENIED_ERROR, ER_DBACCESS_DENIED_ERROR, ER_TABLEACCESS_DENIED_ERROR, ... (some carry
  // SQLSTATE 42000, which would otherwise read as a syntax problem).
  if (code && /ACCESS_DENIED/.test(code)) return 'auth';
  if (code && TLS_CERTIFICATE.test(code)) return 'auth';
  switch (sqlState?.slice(0, 2)) {
    case '28':
      return 'auth';
    case '08':
    case '40':
      return 'transient';
    case '21': // cardinality: a row with more or fewer values than columns
    case '22':
    case '23':
    case '42':
      return 'invalid_input';
    default:
      return 'unknown';
  }
}

const HINTS: Partial<Record<string, string>> = {
  HANDSHAKE_NO_SSL_SUPPORT: 'The server does not offer TLS: set ssl to false, or enable TLS on the server.',
  ER_BAD_DB_ERROR: "Check the database name in the connection or the table's database.",
};

/**
 * Reads what mysql2 threw: a server error by its code and SQLSTATE, or one of mysql2's own by its
 * code. Socket and TLS failures are the kit's; an error with neither code nor SQLSTATE is left to it.
 */
export function describeFailure(error: unknown): SqlFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const field = (name: string) => (name in error ? Reflect.get(error, name) : undefined);
  const code = typeof field('code') === 'string' ? String(field('code')) : undefined;
  const errno = typeof field('errno') === 'number' ? Number(field('errno')) : undefined;
  const sqlState = typeof field('sqlState') === 'string' ? String(field('sqlState')) : undefined;
  if (code === undefined && sqlState === undefined) return undefined;
  // Server errors carry a SQLSTATE; the driver's own only a code.
  const what = sqlState
    ? `${error.message} (${[code, errno].filter((part) => part !== undefined).join(' ')}, SQLSTATE ${sqlState})`
    : `${error.message} (${code})`;
  return {
    kind: kindForMySqlError(code, sqlState),
    what,
    vendorMessage: error.message,
    errorCode: code,
    errno,
    sqlState,
    hint: code ? HINTS[code] : undefined,
  };
}
