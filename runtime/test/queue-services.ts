import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { checkRedis } from '../src/queue/connection.js';
import { RunQueue } from '../src/queue/run-queue.js';

// What the queue-mode tests share: the local Redis and PostgreSQL, a key prefix and schema of each
// test file's own, loopback services for workflows to call, and child processes to kill.

export const REDIS = 'redis://127.0.0.1:6379';
export const DATABASE = 'postgres://postgres@127.0.0.1:5432/test';

/** A Redis key prefix and a PostgreSQL schema no other test run uses. */
export interface QueueNamespace {
  prefix: string;
  schema: string;
}

/** A fresh namespace; `name` tells its schema apart in the database (`mova_<name>_<pid>_<random>`). */
export function queueNamespace(name: string): QueueNamespace {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  return { prefix: `mova_test_${suffix}`, schema: `mova_${name}_${suffix}` };
}

/** Fails, saying which one is down, unless both Redis and PostgreSQL answer: the tests need both and never skip. */
export async function requireQueueServices(): Promise<void> {
  await checkRedis(REDIS).catch((error: Error) => {
    throw new Error(`queue mode needs Redis on 127.0.0.1:6379: ${error.message}`);
  });
  const probe = new pg.Client({ connectionString: DATABASE });
  await probe.connect().catch((error: Error) => {
    throw new Error(`queue mode needs PostgreSQL on 127.0.0.1:5432 (database test): ${error.message}`);
  });
  await probe.end();
}

/** Removes the namespace's queue keys and schema; quiet when a service is gone, as cleanup after a failure may find. */
export async function dropQueueNamespace({ prefix, schema }: QueueNamespace): Promise<void> {
  const queue = await RunQueue.open({ url: REDIS, prefix }).catch(() => undefined);
  await queue?.obliterate();
  await queue?.close();
  const client = new pg.Client({ connectionString: DATABASE });
  await client.connect().then(
    async () => {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
    () => {},
  );
}

/** An HTTP server on a free loopback port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, what a connector's network allow list names. */
  host: string;
  close(): void;
}

export async function startLoopbackServer(listener: RequestListener): Promise<LoopbackServer> {
  const server = createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${host}`,
    host,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Kills a child process with SIGKILL, as a crash would, and waits until it is gone. */
export async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await once(child, 'close');
}
