import { ConnectorError } from '@mova/sdk';
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisConnection } from './connection.js';
import { toConnectorError } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

// Fail fast and let the runtime's retry policy decide: ioredis would otherwise reconnect and
// queue commands forever, which hides a down server behind a hanging step.
const FAIL_FAST: RedisOptions = {
  lazyConnect: true,
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
  reconnectOnError: () => false,
  enableOfflineQueue: false,
  connectTimeout: 10_000,
};

/** Per-call client settings an action may ask for. */
export interface ClientOptions {
  /**
   * Read integer replies as decimal strings. ioredis parses them into JS numbers otherwise, which
   * rounds Redis' 64-bit integers past 2^53 - 1 (see `exactInteger`).
   */
  stringNumbers?: boolean;
}

/**
 * Opens a client for one call, runs `use`, and always closes it. A connection per call costs one
 * loopback/LAN round trip and leaves no socket behind in a sandbox worker that may be recycled.
 */
export async function withRedis<T>(
  connection: RedisConnection,
  ctx: CallContext,
  use: (redis: Redis) => Promise<T>,
  client: ClientOptions = {},
): Promise<T> {
  const redis = createClient(connection, ctx.actionKey, client);
  // ioredis reports why a connection failed only through 'error' events; the promise just says
  // "Connection is closed.", so keep the last event to explain the failure.
  let lastEvent: unknown;
  redis.on('error', (error) => {
    lastEvent = error;
  });
  const abort = () => redis.disconnect();
  ctx.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    await redis.connect().catch((error: unknown) => {
      throw lastEvent ?? error;
    });
    // ioredis SELECTs the connection's database on connect but only emits an 'error' when Redis
    // refuses it (db 999 of 16), then runs every command on db 0; selecting again surfaces the refusal.
    if (redis.options.db) await redis.select(redis.options.db).catch(explainSelect(redis.options.db));
    return await use(redis);
  } catch (error) {
    throw toConnectorError(ctx.signal?.aborted ? ctx.signal.reason : error, ctx.actionKey);
  } finally {
    ctx.signal?.removeEventListener('abort', abort);
    if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis.disconnect();
  }
}

function explainSelect(db: number) {
  return (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    if (/DB index is out of range/i.test(message)) {
      throw new ConnectorError(
        `Redis has no database ${db}: ${message}`,
        { kind: 'invalid_input', cause: error },
        'Pick a database number below the server\'s "databases" setting (16 unless changed): db 0 to 15.',
      );
    }
    throw error;
  };
}

function createClient(connection: RedisConnection, actionKey: string | undefined, client: ClientOptions): Redis {
  const { url, host, port, username, password, db, tls } = connection;
  if (!url && !host) {
    throw new ConnectorError(
      'the Redis connection has neither a URL nor a host',
      { kind: 'invalid_input', actionKey },
      'Set `url` (redis://host:6379) or `host` in the connection.',
    );
  }
  const options: RedisOptions = { ...FAIL_FAST, ...client };
  if (host !== undefined) options.host = host;
  if (port !== undefined) options.port = port;
  if (username !== undefined) options.username = username;
  if (password !== undefined) options.password = password;
  if (db !== undefined) options.db = db;
  if (tls) options.tls = {};
  return url ? new Redis(url, options) : new Redis(options);
}

/**
 * A Redis integer reply read with `stringNumbers`, as a JSON number when it is one exactly and as
 * its decimal string beyond Number.MAX_SAFE_INTEGER, where a number would be rounded.
 * @example exactInteger('42') // 42
 * @example exactInteger('9007199254740993') // '9007199254740993'
 */
export function exactInteger(reply: unknown): number | string {
  const text = String(reply);
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}
