import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { RedisOptions } from 'bullmq';
import { QueueError } from './errors.js';

/** Where the queue lives: a Redis URL and the key prefix every queue key starts with. */
export interface QueueSettings {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). */
  url: string;
  /** The first part of every Redis key (default `mova`): servers and workers of one deployment share it. */
  prefix?: string;
}

const DEFAULT_PORT = 6379;
const CHECK_TIMEOUT_MS = 5_000;

/** BullMQ's connection options for a Redis URL; a QueueError (E_QUEUE_URL) names a URL that is none. */
export function redisOptions(url: string): RedisOptions & { host: string; port: number } {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || parsed.hostname === '') {
    throw new QueueError(
      'E_QUEUE_URL',
      `"${url.replace(/:[^:@/]*@/, ':…@')}" is not a Redis URL`,
      'Pass redis://host:6379 (or rediss:// for TLS), with user:password@ and /<db> when needed.',
    );
  }
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) {
    throw new QueueError('E_QUEUE_URL', `the Redis URL's database "${db}" is not a number`, 'Use /0 … /15 or no path.');
  }
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port === '' ? DEFAULT_PORT : Number(parsed.port),
    ...(parsed.username === '' ? {} : { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(db === '' ? {} : { db: Number(db) }),
    ...(parsed.protocol === 'rediss:' ? { tls: { servername: parsed.hostname } } : {}),
  };
}

/**
 * Asks Redis for PONG (after AUTH when the URL has a password), so a server or worker started
 * against a Redis that is down says so at once: BullMQ's own client would retry without end.
 */
export async function checkRedis(url: string): Promise<void> {
  const options = redisOptions(url);
  const commands: string[][] = [];
  if ('password' in options && typeof options.password === 'string') {
    commands.push(
      typeof options.username === 'string' ? ['AUTH', options.username, options.password] : ['AUTH', options.password],
    );
  }
  commands.push(['PING']);
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = options.tls
      ? tlsConnect({ host: options.host, port: options.port, servername: options.host })
      : connect({ host: options.host, port: options.port });
    let text = '';
    const timer = setTimeout(
      () => socket.destroy(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000}s`)),
      CHECK_TIMEOUT_MS,
    );
    socket.once(options.tls ? 'secureConnect' : 'connect', () => {
      socket.write(commands.map(resp).join(''));
    });
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const lines = text.split('\r\n').filter((line) => line !== '');
      const failed = lines.find((line) => line.startsWith('-'));
      if (failed !== undefined || lines.length >= commands.length) {
        clearTimeout(timer);
        socket.end();
        resolve(failed ?? lines.at(-1) ?? '');
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error);
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw new QueueError(
      'E_QUEUE_UNREACHABLE',
      `Redis at ${options.host}:${options.port} does not answer: ${error.code ?? error.message}`,
      'Start Redis (redis-server) or fix the URL given to --queue.',
      { cause: error },
    );
  });
  if (reply !== '+PONG') {
    throw new QueueError(
      'E_QUEUE_UNREACHABLE',
      `Redis at ${options.host}:${options.port} refused: ${reply.replace(/^-/, '')}`,
      'Check the user and password in the --queue URL.',
    );
  }
}

function resp(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}
