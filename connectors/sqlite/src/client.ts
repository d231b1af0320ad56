import { open, stat, writeFile } from 'node:fs/promises';
import type { Row, SqlSession, SqlWhere } from '@mova/sdk/sql';
import { invalidInput, leadingWords, sqlSessions, toSqlError } from '@mova/sdk/sql';
import type { Database } from 'node-sqlite3-wasm';
import type { Connection } from './connection.js';
import { sqlite as dialect } from './dialect.js';
import { canFsync, syncEveryWrite } from './durability.js';
import { sqlite } from './engine.js';
import { LOCKED_HINT, SqliteError } from './errors.js';
import { hasSecondStatement } from './statement-text.js';
import { bindValue, jsonRow, jsonValue } from './values.js';

/** What one statement gave. */
export interface QueryResult {
  /** Its first keyword: SELECT, INSERT, CREATE ... */
  command: string;
  rows: Row[];
  /** Rows the statement inserted, updated or deleted (not counting triggers); 0 for others. */
  changes: number;
  /** The rowid of the last row an INSERT added; null when it added none. */
  lastInsertRowid: number | string | null;
}

/** What an action gets to talk to the database with. */
export type Session = SqlSession<QueryResult>;

interface Open {
  db: Database;
  connection: Connection;
  /** Undoes what opening arranged (O_DSYNC opens of its files). */
  release: () => void;
}

/**
 * Runs `work` with the database open for the call (the SQL kit's session: opened on the first
 * query, always closed, every failure a SqliteError carrying the action key). SQLite runs in this
 * thread, so a statement cannot be stopped halfway; an aborted call closes the file after it.
 */
export const withSession = sqlSessions<Connection, Open, Session>({
  dialect,
  open: openDatabase,
  cancel: async () => {},
  close: async ({ db, release }) => {
    if (db.isOpen) db.close();
    release();
  },
  session(open) {
    const query = async (text: string, values: unknown[] = []) => {
      const opened = await open();
      return run(opened, text, values);
    };
    return {
      query,
      // IMMEDIATE takes the write lock at once (waiting for another writer as any statement
      // does), so nothing in the transaction meets a busy database halfway through.
      begin: async () => void (await query('BEGIN IMMEDIATE')),
      commit: async () => void (await query('COMMIT')),
      rollback: async () => void (await query('ROLLBACK')),
    };
  },
});

/** Any failure as a SqliteError (a ConnectorError passes through), with where it happened. */
export function toConnectorError(error: unknown, where: SqlWhere = {}) {
  return toSqlError(dialect, error, where);
}

async function openDatabase(connection: Connection): Promise<Open> {
  const { filename, create = false, readOnly = false, foreignKeys = true } = connection;
  const found = await stat(filename).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw fileError(filename, error);
  });
  if (!found && (!create || readOnly)) {
    throw new SqliteError(
      `connection failed: the database file ${filename} does not exist`,
      { kind: 'not_found', errorCode: 'SQLITE_CANTOPEN' },
      readOnly
        ? 'Check the filename in the connection.'
        : 'Check the filename in the connection, or set "create": true to start a new database there.',
    );
  }
  if (found && !found.isFile()) {
    throw new SqliteError(
      `connection failed: ${filename} is not a file`,
      { kind: 'invalid_input', errorCode: 'SQLITE_CANTOPEN' },
      'Give the path of the database file itself in filename.',
    );
  }
  if (found && (await inWalMode(filename))) {
    throw new SqliteError(
      `connection failed: ${filename} is in WAL mode, which this WebAssembly SQLite cannot open (it has no shared memory)`,
      { kind: 'invalid_input', errorCode: 'SQLITE_CANTOPEN' },
      `Switch the file back to a rollback journal while nothing else uses it: sqlite3 ${filename} "PRAGMA journal_mode = DELETE"`,
    );
  }
  // An empty file is a new database to SQLite; made here so the fsync probe has a file to open.
  if (!found) await writeFile(filename, '', { flag: 'wx' }).catch(ignoreExisting);
  const { Database } = await sqlite();
  // Decided before SQLite opens the file, so the database file itself is opened O_DSYNC too.
  const dsync = !readOnly && !canFsync(filename) ? syncEveryWrite(filename) : undefined;
  const db = new Database(filename, { fileMustExist: true, readOnly });
  const opened = { db, connection, release: dsync ?? (() => {}) };
  try {
    await run(opened, `PRAGMA foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`, []);
    if (dsync) await run(opened, 'PRAGMA synchronous = OFF', []);
  } catch (error) {
    db.close();
    opened.release();
    throw error;
  }
  return opened;
}

/** Whether the database header says WAL: file format versions 2 at offsets 18 and 19. */
async function inWalMode(filename: string): Promise<boolean> {
  const file = await open(filename, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(20), 0, 20, 0);
    return (
      bytesRead === 20 && buffer.subarray(0, 16).toString('latin1') === 'SQLite format 3\u0000' && buffer[18] === 2
    );
  } finally {
    await file.close();
  }
}

function ignoreExisting(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EEXIST') throw error;
}

function fileError(filename: string, error: NodeJS.ErrnoException): SqliteError {
  const denied = error.code === 'ERR_ACCESS_DENIED' || error.code === 'EACCES' || error.code === 'EPERM';
  return new SqliteError(
    `connection failed: ${filename} cannot be read (${error.code ?? error.message})`,
    { kind: denied ? 'auth' : 'unknown', errorCode: 'SQLITE_CANTOPEN', cause: error },
    denied
      ? 'Give the runtime read and write access to the file and its directory.'
      : 'Check the filename in the connection.',
  );
}

/**
 * Runs ONE statement with its values bound (never spliced into the text). While another run
 * holds the database it is tried again until `busyTimeoutMs`, waiting between tries without
 * blocking the thread; a statement that met a busy database outside a transaction did nothing.
 */
async function run(
  { db, connection }: Pick<Open, 'db' | 'connection'>,
  text: string,
  values: unknown[],
): Promise<QueryResult> {
  if (hasSecondStatement(text)) {
    throw invalidInput(
      'the SQL holds more than one statement, and SQLite would run only the first',
      'Send one statement per call; run several with the transaction action.',
    );
  }
  const bound = values.map(bindValue);
  const deadline = Date.now() + (connection.busyTimeoutMs ?? 5000);
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      return execute(db, text, bound);
    } catch (error) {
      const busy = error instanceof Error && /^database is locked/.test(error.message) && !db.inTransaction;
      if (!busy || Date.now() + wait > deadline) {
        if (busy) {
          throw new SqliteError(
            `the database is locked: another run held it for more than busyTimeoutMs (${connection.busyTimeoutMs ?? 5000} ms)`,
            { kind: 'transient', errorCode: 'SQLITE_BUSY', vendorMessage: error.message, cause: error },
            LOCKED_HINT,
          );
        }
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function execute(db: Database, text: string, values: ReturnType<typeof bindValue>[]): QueryResult {
  const before = totalChanges(db);
  const rows = db.all(text, values).map((row) => jsonRow(row));
  const after = db.get('SELECT changes() AS changes, total_changes() AS total, last_insert_rowid() AS rowid');
  // changes() keeps the count of the last write even when this statement wrote nothing (a SELECT),
  // so it counts only when the total moved.
  const wrote = Number(after?.total ?? 0) !== before;
  const command = leadingWords(text, 1, dialect.comments)[0] ?? '';
  const inserted = wrote && (command === 'INSERT' || command === 'REPLACE');
  const rowid = jsonValue(after?.rowid);
  return {
    command,
    rows,
    changes: wrote ? Number(after?.changes ?? 0) : 0,
    lastInsertRowid: inserted && (typeof rowid === 'number' || typeof rowid === 'string') ? rowid : null,
  };
}

function totalChanges(db: Database): number {
  return Number(db.get('SELECT total_changes() AS total')?.total ?? 0);
}
