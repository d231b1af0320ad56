import type { ConnectorErrorKind } from '@mova/sdk';
import { SqlError, type SqlFailure } from '@mova/sdk/sql';

/**
 * A SQLite failure: the SQL kit's error (with SQLite's result code name in `errorCode`, and for
 * `transaction` the index of the failing statement) under SQLite's name, so run records say where
 * it came from.
 */
export class SqliteError extends SqlError {}

interface Pattern {
  test: RegExp;
  kind: ConnectorErrorKind;
  code: string;
  hint?: string;
}

export const LOCKED_HINT =
  'Another run is writing to the database; a longer busyTimeoutMs in the connection waits for it. If nothing else uses the file, a crashed run may have left its "<filename>.lock" directory behind: remove it.';

// node-sqlite3-wasm reports SQLite's message (sqlite3_errmsg) and no code, so the message is what
// there is to go on; SQLite's messages are stable (https://www.sqlite.org/rescode.html).
const PATTERNS: Pattern[] = [
  { test: /^database is locked/, kind: 'transient', code: 'SQLITE_BUSY', hint: LOCKED_HINT },
  { test: /^database table is locked/, kind: 'transient', code: 'SQLITE_LOCKED' },
  { test: /^UNIQUE constraint failed/, kind: 'conflict', code: 'SQLITE_CONSTRAINT_UNIQUE' },
  { test: /^NOT NULL constraint failed/, kind: 'invalid_input', code: 'SQLITE_CONSTRAINT_NOTNULL' },
  { test: /^CHECK constraint failed/, kind: 'invalid_input', code: 'SQLITE_CONSTRAINT_CHECK' },
  { test: /^FOREIGN KEY constraint failed/, kind: 'invalid_input', code: 'SQLITE_CONSTRAINT_FOREIGNKEY' },
  { test: /constraint failed/, kind: 'invalid_input', code: 'SQLITE_CONSTRAINT' },
  {
    test: /^no such table/,
    kind: 'not_found',
    code: 'SQLITE_ERROR',
    hint: 'Check the table name; tables.list shows the tables of the database.',
  },
  {
    test: /^file is not a database/,
    kind: 'invalid_input',
    code: 'SQLITE_NOTADB',
    hint: 'The file is not an SQLite database (or it is encrypted): check the filename in the connection.',
  },
  {
    test: /^database disk image is malformed/,
    kind: 'unknown',
    code: 'SQLITE_CORRUPT',
    hint: 'The database file is damaged: restore it from a backup, or recover what is left with `sqlite3 <file> .recover`.',
  },
  {
    test: /^attempt to write a readonly database/,
    kind: 'auth',
    code: 'SQLITE_READONLY',
    hint: 'The connection is readOnly, or the file is not writable by the runtime: change one of them to write.',
  },
  {
    test: /^unable to open database|^could not open the database/i,
    kind: 'not_found',
    code: 'SQLITE_CANTOPEN',
    hint: 'A connection opens only the file its filename names (and its -journal): the sandbox refuses every other file, ATTACH included.',
  },
  {
    test: /^unknown database/,
    kind: 'not_found',
    code: 'SQLITE_ERROR',
    hint: "Each call opens only the connection's file: its schemas are main and temp.",
  },
  { test: /^database or disk is full/, kind: 'transient', code: 'SQLITE_FULL' },
  { test: /^disk I\/O error/, kind: 'transient', code: 'SQLITE_IOERR' },
  { test: /^interrupted/, kind: 'transient', code: 'SQLITE_INTERRUPT' },
  { test: /^too many SQL variables/, kind: 'invalid_input', code: 'SQLITE_RANGE' },
  {
    test: /^(near |incomplete input|no such |.* has no column named|unrecognized token|wrong number of arguments|datatype mismatch|table .* already exists|index .* already exists|cannot |misuse|.*may not be used|.* values for \d+ columns)/,
    kind: 'invalid_input',
    code: 'SQLITE_ERROR',
  },
];

/** Reads a node-sqlite3-wasm failure (an `SQLite3Error` carrying SQLite's message). */
export function describeFailure(error: unknown): SqlFailure | undefined {
  if (!(error instanceof Error) || error.name !== 'SQLite3Error') return undefined;
  const pattern = PATTERNS.find((p) => p.test.test(error.message));
  if (!pattern) return { kind: 'unknown', what: error.message, vendorMessage: error.message };
  const failure: SqlFailure = {
    kind: pattern.kind,
    what: `${error.message} (${pattern.code})`,
    vendorMessage: error.message,
    errorCode: pattern.code,
  };
  if (pattern.hint) failure.hint = pattern.hint;
  return failure;
}
