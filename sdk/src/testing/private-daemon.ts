import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MovaError } from '../errors.js';
import { isListening } from './service.js';

export interface PrivateDaemonOptions {
  /** The machine's server binary: `mosquitto`, `nats-server`. */
  command: string;
  /** How many free loopback ports to hand to `prepare`. */
  ports: number;
  /**
   * Writes the daemon's files (configuration, certificate, password file) into its own throwaway
   * folder `dir` and returns the arguments to start it with on `ports`.
   */
  prepare(dir: string, ports: number[]): Promise<string[]>;
  /** How long to wait for every port to listen (default 10 000 ms). */
  timeoutMs?: number;
}

export interface PrivateDaemon {
  ports: number[];
  /** Stops the daemon and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts a private copy of a server the machine has (its binary, its own folder, free loopback
 * ports), for tests the shared instance cannot serve: the shared Mosquitto and NATS are anonymous
 * and plain, so password and TLS failures need their own. Resolves once every port listens; a daemon
 * that exits or does not listen in time is stopped and the error carries the end of its log.
 *
 * @example
 * const daemon = await startPrivateDaemon({
 *   command: 'nats-server',
 *   ports: 1,
 *   prepare: async (dir, [port]) => ['-a', '127.0.0.1', '-p', String(port)],
 * });
 */
export async function startPrivateDaemon(options: PrivateDaemonOptions): Promise<PrivateDaemon> {
  const dir = await mkdtemp(join(tmpdir(), `mova-${basename(options.command)}-`));
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (child) await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    for (let i = 0; i < options.ports; i++) ports.push(await freePort());
    const args = await options.prepare(dir, ports);
    const started = spawn(options.command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let log = '';
    const read = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    };
    started.stdout?.on('data', read);
    started.stderr?.on('data', read);
    const spawnFailed = new Promise<Error>((resolve) => started.once('error', resolve));
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const up = await Promise.all(ports.map((port) => isListening('127.0.0.1', port)));
      if (up.every(Boolean)) return { ports, stop };
      const failed = await Promise.race([spawnFailed, sleep(50, undefined)]);
      if (failed || started.exitCode !== null || Date.now() > deadline) {
        throw new MovaError(
          'E_PRIVATE_DAEMON',
          `the private ${options.command} did not start: ${failed?.message ?? (log.trim().slice(-600) || '(no output)')}`,
          `Check that ${options.command} is installed and runs with the arguments ${JSON.stringify(args)}.`,
        );
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A loopback port nothing listens on now: bind to an ephemeral port, then free it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
