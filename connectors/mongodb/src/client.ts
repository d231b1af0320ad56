import { ConnectorError } from '@mova/sdk';
import { type Db, MongoClient, type MongoClientOptions } from 'mongodb';
import type { MongoConnection } from './connection.js';
import { toConnectorError } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

/**
 * Connects for one call, runs `use` on the chosen database, and always closes the client. A client
 * per call costs a handshake (a few ms on a LAN) but leaves no pool or monitor sockets running in a
 * sandbox worker that may be recycled. Timeouts in the connection string (serverSelectionTimeoutMS,
 * connectTimeoutMS, …) win over the defaults here.
 */
export async function withDatabase<T>(
  connection: MongoConnection,
  ctx: CallContext,
  database: string | undefined,
  use: (db: Db) => Promise<T>,
): Promise<T> {
  const name = database ?? connection.database ?? databaseInUri(connection.uri);
  if (!name) {
    throw new ConnectorError(
      'no database named: the input, the connection and the connection string name none',
      { kind: 'invalid_input', actionKey: ctx.actionKey },
      'Give `database` in the input or the connection, or end the connection string with /<database>.',
    );
  }
  let client: MongoClient | undefined;
  const abort = () => void client?.close().catch(() => {});
  ctx.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    client = new MongoClient(connection.uri, defaultsFor(connection.uri));
    await client.connect();
    return await use(client.db(name));
  } catch (error) {
    throw toConnectorError(ctx.signal?.aborted ? ctx.signal.reason : error, ctx.actionKey);
  } finally {
    ctx.signal?.removeEventListener('abort', abort);
    await client?.close().catch(() => {});
  }
}

// The driver lets constructor options override the connection string, so only fill in what the
// string leaves out: a user's own timeouts must win. The driver's 30 s server selection is too long
// for a workflow step that the runtime can retry.
const DEFAULTS: MongoClientOptions = {
  serverSelectionTimeoutMS: 10_000,
  connectTimeoutMS: 10_000,
  maxPoolSize: 1,
  appName: 'mova-connector-mongodb',
};

function defaultsFor(uri: string): MongoClientOptions {
  const query = uri.includes('?') ? uri.slice(uri.indexOf('?') + 1) : '';
  const given = new Set([...new URLSearchParams(query).keys()].map((key) => key.toLowerCase()));
  return Object.fromEntries(Object.entries(DEFAULTS).filter(([key]) => !given.has(key.toLowerCase())));
}

/** The database in the connection string's path (`mongodb://host/<db>?…`), if any. */
export function databaseInUri(uri: string): string | undefined {
  const rest = uri.slice(uri.indexOf('://') + 3);
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const path = rest.slice(slash + 1).split('?', 1)[0] ?? '';
  return path ? decodeURIComponent(path) : undefined;
}
