import { connectionParts, type SqlSession, type SqlWhere, sqlSessions, toSqlError } from '@mova/sdk/sql';
import pg from 'pg';
import type { Connection, SslMode } from './connection.js';
import { parseConnectionString } from './connection-string.js';
import { postgres } from './dialect.js';

export type QueryResult = pg.QueryResult<Record<string, unknown>>;

/** What an action gets to talk to the database with. */
export type Session = SqlSession<QueryResult>;

/**
 * Runs `work` with one pg.Client for the call (the SQL kit's session: connected on the first
 * query, the running statement cancelled on the server when `ctx.signal` aborts, always closed,
 * every failure a PostgresError carrying the action key).
 */
export const withSession = sqlSessions<Connection, pg.Client, Session>({
  dialect: postgres,
  async open(connection) {
    const client = new pg.Client(clientConfig(connection));
    // Without a listener, a server closing an idle connection would be an uncaught 'error' event;
    // a failure during a query also rejects that query, which is where we report it.
    client.on('error', () => {});
    await client.connect();
    return client;
  },
  cancel: cancelOnServer,
  close: (client) => client.end(),
  session(client) {
    // ONE statement with $1.. parameters over the extended protocol, which (unlike the simple
    // protocol pg uses for parameterless text) refuses a second statement smuggled into the text.
    const query = async (text: string, values: unknown[] = []) => {
      const config: pg.QueryConfig & { queryMode: 'extended' } = { text, values, queryMode: 'extended' };
      return (await client()).query<Record<string, unknown>>(config);
    };
    return {
      query,
      begin: async () => void (await query('BEGIN')),
      commit: async () => void (await query('COMMIT')),
      rollback: async () => void (await query('ROLLBACK')),
    };
  },
});

/** Any failure as a PostgresError (a ConnectorError passes through), with where it happened. */
export function toConnectorError(error: unknown, where: SqlWhere = {}) {
  return toSqlError(postgres, error, where);
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
  const { fields, fromUrl } = connectionParts(connection, parseConnectionString);
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
    ssl: tlsOptions(connection.ssl ?? fromUrl?.ssl),
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
