import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { MovaError } from '../errors.js';

export interface ServiceCheck {
  /** Shown in messages: `PostgreSQL`. */
  name: string;
  host?: string;
  port: number;
  /** A shell command that starts the service when it is down; without one a down service fails the check. */
  start?: string;
  /** How long to wait for the port after starting. */
  timeoutMs?: number;
}

/**
 * Makes sure a TCP service a test needs is up: if nothing listens it runs `start` and waits for the
 * port, and otherwise throws an error that says how to start it. Tests call it in `beforeAll`, so a
 * missing service fails loudly instead of skipping.
 * @example
 * await ensureService({ name: 'Redis', port: 6379, start: 'redis-server --daemonize yes' });
 */
export async function ensureService(check: ServiceCheck): Promise<void> {
  const host = check.host ?? '127.0.0.1';
  if (await isListening(host, check.port)) return;
  if (!check.start) {
    throw new MovaError(
      'E_CONNECTOR',
      `${check.name} is not listening on ${host}:${check.port}`,
      'Start it and run the tests again.',
    );
  }
  const output = await run(check.start);
  const deadline = Date.now() + (check.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (await isListening(host, check.port)) return;
    await sleep(200);
  }
  throw new MovaError(
    'E_CONNECTOR',
    `${check.name} is not listening on ${host}:${check.port}, even after \`${check.start}\``,
    `Start it by hand and run the tests again. The start command printed: ${output.trim().slice(-400) || '(nothing)'}`,
  );
}

export function isListening(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function run(command: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', (error) => resolve(String(error)));
    child.on('close', () => resolve(output));
  });
}
