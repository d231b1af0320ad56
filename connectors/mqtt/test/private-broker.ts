import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isListening } from '@mova/sdk';
import { generate } from 'selfsigned';

export interface PrivateBroker {
  /** Plain MQTT listener that wants a user name and password. */
  port: number;
  /** TLS listener (same users) with a self-signed certificate for 127.0.0.1. */
  tlsPort: number;
  /** The broker's self-signed certificate, to trust through the connection's `ca`. */
  certificate: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * A second Mosquitto (the machine's binary) on free loopback ports, with password authentication
 * and a TLS listener: the shared one on 1883 is anonymous and plain, so auth failures and `mqtts`
 * need their own broker.
 */
export async function startPrivateBroker(): Promise<PrivateBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'mova-mqtt-broker-'));
  const [port, tlsPort] = [await freePort(), await freePort()];
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const username = 'mova';
  const password = 'conformance-secret';
  await writeFile(join(dir, 'cert.pem'), pems.cert);
  await writeFile(join(dir, 'key.pem'), pems.private);
  await promisify(execFile)('mosquitto_passwd', ['-b', '-c', join(dir, 'passwd'), username, password]);
  await writeFile(
    join(dir, 'mosquitto.conf'),
    [
      // Started as root it would switch to the `mosquitto` user, who cannot read this private folder.
      'user root',
      'persistence false',
      'log_dest stderr',
      'per_listener_settings false',
      'allow_anonymous false',
      `password_file ${join(dir, 'passwd')}`,
      `listener ${port} 127.0.0.1`,
      `listener ${tlsPort} 127.0.0.1`,
      `certfile ${join(dir, 'cert.pem')}`,
      `keyfile ${join(dir, 'key.pem')}`,
      '',
    ].join('\n'),
  );
  const child = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!((await isListening('127.0.0.1', port)) && (await isListening('127.0.0.1', tlsPort)))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the private Mosquitto did not start: ${log.trim().slice(-600)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { port, tlsPort, certificate: pems.cert, username, password, stop };
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
