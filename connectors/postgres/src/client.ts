import type { ActionContext } from '@mova/sdk';
import pg from 'pg';
import type { Connection, SslMode } from './connection.js';
import { parseConnectionString } from './connection-string.js';
import { invalidInput, toConnectorError } from './errors.js';

export type QueryResult = pg.QueryResult<Record<string, unknown>>;

/** What an action gets to talk to the database with. */
export interface Session {
  /**
   * Runs ONE statement with $1.. parameters over the extended protocol, which (unlike the simple
   * protocol pg uses for parameterless text) refuses a second statement smuggled into the text.
   */
  query(text: string, values?: unknown[]): Promise<QueryResult>;
}

/**
 * Opens one pg.Client for the call, runs `work`, and always closes it. The client connects on the
 * first query, so input refused while building SQL never opens a connection. Every failure leaves
 * as a ConnectorError carrying the action key.
 *
 * When `ctx.signal` aborts (step timeout, run cancelled) the call rejects with its reason at once,
 * and the running statement is cancelled on the server, so it neither keeps working nor commits.
 *
 * One client per call rather than a pool: a pool would outlive the call in a worker that may be
 * recycled at any moment, would have to be keyed by connection secrets, and is the runtime's
 * decision (a connector@version worker pool) rather than an action's. See README.
 */
export async function withSession<T>(
  connection: Connection,
  ctx: Pick<ActionContext, 'signal' | 'actionKey'> | undefined,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const signal = ctx?.signal;
  let client: pg.Client | undefined;
  let connected: Promise<pg.Client> | undefined;
  const open = (): Promise<pg.Client> => {
    if (!connected) {
      signal?.throwIfAborted();
      const created = new pg.Client(clientConfig(connection));
      // Without a listener, a server closing an idle connection would be an uncaught 'error' event;
      // a failure during a query also rejects that query, which is where we report it.
      created.on('error', () => {});
      client = created;
      connected = created.connect().then(() => created);
    }
    return connected;
  };
  const cancel = () => {
    if (client) cancelOnServer(connection, client).catch(() => {});
  };
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    signal?.throwIfAborted();
    const session: Session = {
      async query(text, values = []) {
        const db = await open();
        const config: pg.QueryConfig & { queryMode: 'extended' } = { text, values, queryMode: 'extended' };
        return await db.query<Record<string, unknown>>(config);
      },
    };
    return await untilAborted(work(session), signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw toConnectorError(error, { actionKey: ctx?.actionKey });
  } finally {
    signal?.removeEventListener('abort', cancel);
    await client?.end().catch(() => {});
  }
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Asks the server to stop the statement `client` is running, over a second connection: closing
 * the first would not stop it (PostgreSQL notices a gone client only when it next writes to it).
 * pg keeps the backend's process id in an undocumented field; without it there is nothing to do.
 */
async function cancelOnServer(connection: Connection, client: pg.Client): Promise<void> {
  const pid = Reflect.get(client, 'processID');
  if (typeof pid !== 'number') return;
  const side = new pg.Client(clientConfig(connection));
  side.on('error', () => {});
  try {
    await side.connect();
    await side.query('SELECT pg_cancel_backend($1)', [pid]);
  } finally {
    await side.end().catch(() => {});
  }
}

/** Builds pg's config from the connection alone: nothing may come from PG* variables or ~/.pgpass. */
export function clientConfig(connection: Connection): pg.ClientConfig {
  const { connectionString, ssl, ...fields } = connection;
  if (connectionString && Object.keys(fields).length > 0) {
    throw invalidInput(
      `the connection has both a connection string and ${Object.keys(fields).join(', ')}`,
      'Give either connectionString or host/port/user/password/database (ssl goes with either).',
    );
  }
  const fromUrl = connectionString ? parseConnectionString(connectionString) : undefined;
  const parts = fromUrl ?? fields;
  const user = parts.user ?? 'postgres';
  const password = parts.password ?? '';
  return {
    host: parts.host,
    port: parts.port ?? 5432,
    user,
    database: parts.database ?? user,
    // A function, because pg falls back to PGPASSWORD and ~/.pgpass for a missing password and
    // would send the worker's secret to whatever server the connection names.
    password: () => password,
    ssl: tlsOptions(ssl ?? fromUrl?.ssl),
    enableChannelBinding: fromUrl?.channelBinding ?? false,
    application_name: fromUrl?.applicationName ?? 'mova-connector-postgres',
    connectionTimeoutMillis: 10_000,
    types: { getTypeParser },
  };
}

function tlsOptions(mode: boolean | SslMode | undefined): pg.ClientConfig['ssl'] {
  switch (mode) {
    case undefined:
    case false:
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case true:
    case 'verify-full':
      return { rejectUnauthorized: true };
  }
}

// Dates and times stay PostgreSQL's own text: pg would turn DATE into a Date at local midnight
// (shifting the day in other time zones) and drop TIMESTAMP's microseconds. BYTEA stays hex text
// ("\x0102") so rows stay plain JSON. NUMERIC[] stays text like NUMERIC (pg makes floats of it).
// OIDs from pg_type; arrays reuse the text[] parser.
const TEXT_SCALARS = new Set([17, 1082, 1083, 1114, 1184, 1186, 1266]);
const TEXT_ARRAYS = new Set([1001, 1182, 1183, 1115, 1185, 1187, 1270, 1231]);
const TEXT_ARRAY_OID: number = 1009;
// REAL and DOUBLE PRECISION, and their arrays.
const FLOATS = new Set([700, 701]);
const FLOAT_ARRAYS = new Set([1021, 1022]);

function getTypeParser(oid: number, format?: 'text' | 'binary') {
  if (TEXT_SCALARS.has(oid)) return (value: string) => value;
  if (TEXT_ARRAYS.has(oid)) return pg.types.getTypeParser(TEXT_ARRAY_OID, format);
  if (FLOATS.has(oid)) return float;
  if (FLOAT_ARRAYS.has(oid)) {
    const parseArray = pg.types.getTypeParser(TEXT_ARRAY_OID, format);
    return (value: string) => floats(parseArray(value));
  }
  return pg.types.getTypeParser(oid, format);
}

/**
 * A float as a number, except NaN, Infinity and -Infinity: JSON has no such numbers, so a run
 * record would store them as null. They stay the strings PostgreSQL prints (and accepts back).
 */
function float(text: string): number | string {
  const value = Number.parseFloat(text);
  return Number.isFinite(value) ? value : text;
}

function floats(parsed: unknown): unknown {
  if (Array.isArray(parsed)) return parsed.map(floats);
  return typeof parsed === 'string' ? float(parsed) : parsed;
}
