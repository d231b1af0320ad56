import { connectionParts, type SqlSession, type SqlWhere, sqlSessions, toSqlError } from '@mova/sdk/sql';
import type { ExecuteValues, FieldPacket } from 'mysql2';
import mysql from 'mysql2/promise';
import type { Connection, SslMode } from './connection.js';
import { parseConnectionString } from './connection-string.js';
import { mysql as dialect } from './dialect.js';
import { mariaDbErrorName } from './mariadb-errors.js';
import { typeName } from './type-names.js';

export type Row = Record<string, unknown>;

/** One statement's result, the same shape whether it returned rows or changed them. */
export interface Outcome {
  rows: Row[];
  fields: { name: string; type: string; typeId: number }[];
  /**
   * Set for statements that change data (INSERT, UPDATE, DELETE ...). `affectedRows` has MySQL's
   * plain meaning (rows changed; an upsert counts 2 per updated row); `matchedRows` means what an
   * UPDATE's conditions matched, and only for UPDATE.
   */
  header?: { affectedRows: number; matchedRows: number; insertId: number | string };
  /**
   * Whether a transaction is still open after the statement, from the server's status flags (a
   * CALL's closing status included). A statement that commits implicitly (DDL, also inside a
   * procedure) clears it. Absent for plain result sets, whose status mysql2 does not keep.
   */
  inTransaction?: boolean;
}

/** What an action gets to talk to the database with. */
export type Session = SqlSession<Outcome>;

/**
 * Runs `work` with one connection for the call (the SQL kit's session: connected on first use,
 * the running statement killed on the server when `ctx.signal` aborts, always closed, every
 * failure a MySqlError carrying the action key).
 */
export const withSession = sqlSessions<Connection, mysql.Connection, Session>({
  dialect,
  async open(connection) {
    const created = await mysql.createConnection(connectionOptions(connection));
    // A server closing the connection between statements would otherwise be an uncaught 'error'
    // event; a failure during a statement also rejects that statement.
    created.on('error', () => {});
    return created;
  },
  cancel: (connection, conn) => killRunningStatement(connection, conn.threadId),
  // After an abort, end() would queue behind the statement still running; destroy does not wait.
  close: async (conn, aborted) => (aborted ? conn.destroy() : conn.end()),
  session: (open) => ({
    // ONE statement as a server-side prepared statement: `?` values are bound by the server, never
    // spliced into the text, and a second statement in the text is a syntax error.
    async query(text, values = []) {
      const conn = await open();
      try {
        return outcome(await conn.execute(text, values.map(bindable)));
      } catch (error) {
        // A few statements (PREPARE itself, some admin commands) cannot be prepared. Without
        // values there is nothing to bind, so the text protocol runs exactly the same text.
        if (values.length === 0 && hasCode(error, 'ER_UNSUPPORTED_PS')) {
          return outcome(await conn.query(text).catch((retry: unknown) => Promise.reject(named(retry, conn))));
        }
        throw named(error, conn);
      }
    },
    begin: async () => (await open()).beginTransaction(),
    commit: async () => (await open()).commit(),
    rollback: async () => (await open()).rollback(),
  }),
});

/** Any failure as a MySqlError (a ConnectorError passes through), with where it happened. */
export function toConnectorError(error: unknown, where: SqlWhere = {}) {
  return toSqlError(dialect, error, where);
}

/**
 * Stops the statement running on connection `threadId` with KILL QUERY over a second connection:
 * closing the first would not stop it (the server notices a gone client only when it next writes).
 */
async function killRunningStatement(connection: Connection, threadId: number): Promise<void> {
  const side = await mysql.createConnection(connectionOptions(connection));
  side.on('error', () => {});
  try {
    await side.execute('KILL QUERY ?', [threadId]);
  } finally {
    side.destroy();
  }
}

/** mysql2's options from the connection alone; nothing is left to driver defaults that matter. */
export function connectionOptions(connection: Connection): mysql.ConnectionOptions {
  const { fields, fromUrl } = connectionParts(connection, parseConnectionString);
  const parts = fromUrl ?? fields;
  return {
    host: parts.host,
    port: parts.port ?? 3306,
    user: parts.user ?? 'root',
    password: parts.password ?? '',
    database: parts.database,
    ssl: tlsOptions(connection.ssl ?? fromUrl?.ssl),
    charset: fromUrl?.charset ?? 'utf8mb4',
    connectTimeout: 10_000,
    // BIGINT and DECIMAL as exact strings; DATE/DATETIME/TIMESTAMP as the server's text, so no
    // time zone of the worker shifts them.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    multipleStatements: false,
    // Never offer to send local files (LOAD DATA LOCAL): a hostile server could ask for any.
    // Without FOUND_ROWS, affected rows count only rows really written, so an upsert's
    // do-nothing counts just the inserted rows; UPDATE's matched count comes from its info.
    flags: ['-LOCAL_FILES', '-FOUND_ROWS'],
  };
}

function tlsOptions(mode: boolean | SslMode | undefined): mysql.ConnectionOptions['ssl'] {
  switch (mode) {
    case undefined:
    case false:
    case 'disabled':
      return undefined;
    case 'required':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, verifyIdentity: false };
    case true:
    case 'verify-identity':
      // mysql2 checks the host name only when asked to.
      return { rejectUnauthorized: true, verifyIdentity: true };
  }
}

/**
 * Input values come from JSON: scalars bind as they are, objects and arrays as JSON text (what a
 * JSON column stores; mysql2 would otherwise pick a type MariaDB refuses for some of them).
 */
function bindable(value: unknown): ExecuteValues {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

// SERVER_STATUS_IN_TRANS, from the server's status flags (mysql_com.h).
const IN_TRANSACTION = 1;

function outcome([result, fields]: [unknown, unknown]): Outcome {
  // CALL answers with its result sets followed by a status; that status tells whether the
  // procedure left the transaction open.
  const status = isHeader(result) ? result : isCallResult(result) ? result.findLast(isHeader) : undefined;
  const flags = status?.serverStatus;
  const transaction = typeof flags === 'number' ? { inTransaction: (flags & IN_TRANSACTION) !== 0 } : {};
  if (isHeader(result)) {
    const { affectedRows, insertId } = result;
    return {
      rows: [],
      fields: [],
      header: { affectedRows, matchedRows: matchedRows(result), insertId },
      ...transaction,
    };
  }
  return {
    ...transaction,
    rows: firstSet(result).filter(isRow).map(plainRow),
    fields: firstSet(fields)
      .filter(isField)
      .map((f) => ({ name: f.name, type: typeName(f), typeId: f.columnType ?? f.type ?? -1 })),
  };
}

/**
 * An UPDATE's info reads "Rows matched: 3  Changed: 1  Warnings: 0" in the server's message
 * language; the numbers keep their order in every translation, the words do not.
 */
function matchedRows(header: { affectedRows: number; info?: unknown }): number {
  const [matched] = typeof header.info === 'string' ? (header.info.match(/\d+/g) ?? []) : [];
  return matched === undefined ? header.affectedRows : Number(matched);
}

// CALL answers with its result sets followed by a status; the first set is the one returned.
function firstSet(list: unknown): unknown[] {
  if (!Array.isArray(list)) return [];
  return isCallResult(list) ? list[0] : list;
}

function isCallResult(list: unknown): list is [unknown[], ...unknown[]] {
  return Array.isArray(list) && Array.isArray(list[0]);
}

function isHeader(
  value: unknown,
): value is { affectedRows: number; insertId: number | string; info?: unknown; serverStatus?: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'affectedRows' in value;
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isField(value: unknown): value is FieldPacket {
  return typeof value === 'object' && value !== null && 'name' in value && 'columnType' in value;
}

// Binary columns (BINARY, VARBINARY, BLOB, BIT) arrive as Buffers; hex text keeps rows plain JSON.
function plainRow(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = Buffer.isBuffer(value) ? value.toString('hex') : value;
  return out;
}

/**
 * A server error named as the server names it: mysql2 names every error number after MySQL's list,
 * which gives MariaDB's own numbers (1900-1999, 4000 and up) the names of other MySQL errors.
 */
function named(error: unknown, conn: mysql.Connection): unknown {
  if (!(error instanceof Error) || !isMariaDb(conn)) return error;
  const errno: unknown = Reflect.get(error, 'errno');
  const code: unknown = Reflect.get(error, 'code');
  // Server errors carry a SQLSTATE; socket errors carry Node's codes, which need no renaming.
  if (typeof errno !== 'number' || typeof Reflect.get(error, 'sqlState') !== 'string') return error;
  return Object.assign(error, { code: mariaDbErrorName(errno, typeof code === 'string' ? code : undefined) });
}

/** Whether the server announced itself as MariaDB in its handshake (mysql2 keeps that privately). */
function isMariaDb(conn: mysql.Connection): boolean {
  const core: unknown = Reflect.get(conn, 'connection');
  const handshake: unknown = isObject(core) ? Reflect.get(core, '_handshakePacket') : undefined;
  const version: unknown = isObject(handshake) ? Reflect.get(handshake, 'serverVersion') : undefined;
  return typeof version === 'string' && /mariadb/i.test(version);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
