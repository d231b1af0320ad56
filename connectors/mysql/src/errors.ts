import { ConnectorError, type ConnectorErrorDetails, type ConnectorErrorKind } from '@mova/sdk';

/**
 * A MySQL/MariaDB failure. Besides the SDK's fields it keeps the server's error code (ER_DUP_ENTRY),
 * number (1062) and SQLSTATE and, for `transaction`, the index of the statement that failed; all
 * travel in `toJSON` so a run record shows them.
 */
export class MySqlError extends ConnectorError {
  readonly errorCode?: string;
  readonly errno?: number;
  readonly sqlState?: string;
  readonly statementIndex?: number;

  constructor(
    message: string,
    details: ConnectorErrorDetails & Where & { errorCode?: string; errno?: number; sqlState?: string },
    hint?: string,
  ) {
    super(message, details, hint);
    this.errorCode = details.errorCode;
    this.errno = details.errno;
    this.sqlState = details.sqlState;
    this.statementIndex = details.statementIndex;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      errorCode: this.errorCode,
      errno: this.errno,
      sqlState: this.sqlState,
      statementIndex: this.statementIndex,
    };
  }
}

/** Where a failure happened: the action, and for a transaction the statement (counting from 0). */
export interface Where {
  actionKey?: string;
  statementIndex?: number;
  /**
   * The failing statement had ended the transaction before it failed (it committed implicitly),
   * so the error must not claim that the statements before it were rolled back.
   */
  transactionEnded?: boolean;
}

/**
 * Input the connector refuses before anything reaches the server. Thrown while building SQL inside
 * `withSession`, which turns it into an invalid_input MySqlError carrying the action key.
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

const TLS_HINT =
  'Give the server a certificate your CA trusts, or set ssl to "required" to encrypt without checking it.';

const HINTS: Partial<Record<string, string>> = {
  ENOTFOUND: 'The host name does not resolve; check the host in the connection.',
  HANDSHAKE_NO_SSL_SUPPORT: 'The server does not offer TLS: set ssl to false, or enable TLS on the server.',
  ER_BAD_DB_ERROR: "Check the database name in the connection or the table's database.",
};

/** Turns anything mysql2 or the network threw into a MySqlError; a ConnectorError passes through. */
export function toConnectorError(error: unknown, where: Where = {}): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const { transactionEnded, ...at } = where;
  const action = where.actionKey ?? 'transaction';
  const label =
    where.statementIndex === undefined
      ? (where.actionKey ?? 'connection')
      : transactionEnded
        ? `${action} not rolled back: statement ${where.statementIndex} ended the transaction (an implicit commit, COMMIT or ROLLBACK inside it settled what ran before it) and then`
        : `${action} rolled back: statement ${where.statementIndex}`;
  if (error instanceof InputProblem) {
    return new MySqlError(`${label} refused: ${error.message}`, { kind: 'invalid_input', ...at }, error.hint);
  }
  const cause = error instanceof Error ? error : new Error(String(error));
  const field = (name: string) => (name in cause ? Reflect.get(cause, name) : undefined);
  const code = typeof field('code') === 'string' ? String(field('code')) : undefined;
  const errno = typeof field('errno') === 'number' ? Number(field('errno')) : undefined;
  const sqlState = typeof field('sqlState') === 'string' ? String(field('sqlState')) : undefined;
  const kind = kindForMySqlError(code, sqlState);
  // Server errors carry a SQLSTATE; socket errors only a code.
  const what = sqlState
    ? `${cause.message} (${[code, errno].filter((part) => part !== undefined).join(' ')}, SQLSTATE ${sqlState})`
    : kind === 'transient' && code?.startsWith('E')
      ? `cannot reach the server (${code})`
      : `${cause.message}${code ? ` (${code})` : ''}`;
  const hint = code && TLS_CERTIFICATE.test(code) ? TLS_HINT : code ? HINTS[code] : undefined;
  return new MySqlError(
    `${label} failed: ${what}`,
    { kind, vendorMessage: cause.message, errorCode: code, errno, sqlState, cause, ...at },
    hint,
  );
}
