import { join } from 'node:path';
import { FileRunStore, type RunStore } from '@mova/runtime';
import { displayPath } from '../paths.js';
import { UserError } from '../user-error.js';

/** A run store and how to name it in messages (never with a password). */
export interface OpenedRunStore {
  store: RunStore;
  label: string;
  /** What to check when the store cannot be used. */
  hint: string;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/**
 * The run store the commands read and write: PostgreSQL when `spec` (from `--store` or
 * `MOVA_RUN_STORE`) is a `postgres://` URL, whose `?schema=` parameter picks the schema (default
 * `mova`); `sqlite` for the SQLite store in the data dir (`runs.sqlite`, which copies the file store's
 * runs the first time it is opened), or `sqlite:<file>` for one elsewhere; otherwise the file store
 * under the data dir.
 * @example
 * (await openRunStore('postgres://postgres@127.0.0.1:5432/mova?schema=ci', dataDir)).label
 * // 'postgres://postgres@127.0.0.1:5432/mova (schema ci)'
 */
export async function openRunStore(spec: string | undefined, dataDir: string): Promise<OpenedRunStore> {
  if (spec === undefined || spec === '') {
    return {
      store: new FileRunStore(dataDir),
      label: `${displayPath(dataDir)} (file store)`,
      hint: 'Check that the data dir (--data-dir or MOVA_DATA_DIR) is a folder you can write to.',
    };
  }
  if (spec === 'sqlite' || spec.startsWith('sqlite:')) return openSqlite(spec, dataDir);
  if (!POSTGRES_URL.test(spec) || !URL.canParse(spec)) {
    throw new UserError(
      `--store must be a PostgreSQL URL, not "${spec.replace(/:[^:@/]*@/, ':…@')}"`,
      'Pass postgres://user@host:5432/database (optionally ?schema=name), sqlite (runs.sqlite in the data dir) or sqlite:<file>, or leave --store and MOVA_RUN_STORE unset for the file store in the data dir.',
    );
  }
  const url = new URL(spec);
  const schema = url.searchParams.get('schema') ?? 'mova';
  url.searchParams.delete('schema');
  // Loaded only for a PostgreSQL store: the other commands and stores never read pg or this module.
  const { PgRunStore, PostgresUnavailableError } = await import('@mova/runtime/postgres');
  let store: RunStore;
  try {
    store = new PgRunStore({ connectionString: url.toString(), schema });
  } catch (error) {
    if (error instanceof PostgresUnavailableError) throw error;
    throw new UserError(
      `--store: ${(error as Error).message}`,
      'Use a lower-case schema name of letters, digits and _, e.g. ?schema=mova_runs.',
    );
  }
  url.password = '';
  return {
    store,
    label: `${url.toString()} (schema ${schema})`,
    hint: 'Check that PostgreSQL is running and that the URL in --store or MOVA_RUN_STORE is right.',
  };
}

async function openSqlite(spec: string, dataDir: string): Promise<OpenedRunStore> {
  const file = spec === 'sqlite' ? join(dataDir, 'runs.sqlite') : spec.slice('sqlite:'.length);
  if (file === '') {
    throw new UserError('--store sqlite: names no file', 'Pass sqlite (runs.sqlite in the data dir) or sqlite:<file>.');
  }
  // Loaded only for a SQLite store, as the PostgreSQL one is.
  const { SqliteRunStore, SqliteUnavailableError } = await import('@mova/runtime/sqlite');
  try {
    // Runs recorded by the file store in the same data dir stay listed: copied in on first open.
    const store = new SqliteRunStore(file, { importFrom: new FileRunStore(dataDir) });
    return {
      store,
      label: `${displayPath(file)} (SQLite store)`,
      hint: 'Check that the folder of the SQLite file is one you can write to and that no other program locks the file.',
    };
  } catch (error) {
    if (error instanceof SqliteUnavailableError) throw new UserError(`--store ${spec}: ${error.message}`, error.hint);
    throw error;
  }
}

/** Turns a failure of the store itself (a database that is down, a folder that cannot be written) into a one-line error. */
export function runStoreFailed(error: unknown, opened: OpenedRunStore): UserError {
  return new UserError(`cannot use the run store ${opened.label}: ${reasonOf(error)}`, opened.hint, 1);
}

/** Node reports a refused connection to every address of a host as an AggregateError with an empty message. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    return error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ');
  }
  if (error instanceof Error) return error.message || String((error as NodeJS.ErrnoException).code ?? error.name);
  return String(error);
}
