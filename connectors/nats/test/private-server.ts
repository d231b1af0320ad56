import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isListening } from '@mova/sdk';
import { generate } from 'selfsigned';

export interface PrivateServer {
  port: number;
  /** The server's self-signed certificate, to trust through the connection's `ca`. */
  certificate: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * A second nats-server (the machine's binary) on a free loopback port that requires TLS (a
 * self-signed certificate for 127.0.0.1) and a user name and password: the shared one on 4222 is
 * open and plain, so auth failures and TLS need their own server.
 */
export async function startPrivateServer(): Promise<PrivateServer> {
  const dir = await mkdtemp(join(tmpdir(), 'mova-nats-server-'));
  const port = await freePort();
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  await writeFile(join(dir, 'cert.pem'), pems.cert);
  await writeFile(join(dir, 'key.pem'), pems.private);
  const username = 'mova';
  const password = 'conformance-secret';
  const child = spawn(
    'nats-server',
    [
      ...['-a', '127.0.0.1', '-p', String(port), '--user', username, '--pass', password],
      ...['--tls', '--tlscert', join(dir, 'cert.pem'), '--tlskey', join(dir, 'key.pem')],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await isListening('127.0.0.1', port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the private nats-server did not start: ${log.trim().slice(-600)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { port, certificate: pems.cert, username, password, stop };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A port nothing listens on: bind to an ephemeral port, then free it. */
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
