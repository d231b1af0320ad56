import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loopbackCertificate, startPrivateDaemon } from '@mova/sdk/testing';

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
  const { certificate, key } = await loopbackCertificate();
  const username = 'mova';
  const password = 'conformance-secret';
  const daemon = await startPrivateDaemon({
    command: 'nats-server',
    ports: 1,
    async prepare(dir, [port]) {
      await writeFile(join(dir, 'cert.pem'), certificate);
      await writeFile(join(dir, 'key.pem'), key);
      return [
        ...['-a', '127.0.0.1', '-p', String(port), '--user', username, '--pass', password],
        ...['--tls', '--tlscert', join(dir, 'cert.pem'), '--tlskey', join(dir, 'key.pem')],
      ];
    },
  });
  const [port = 0] = daemon.ports;
  return { port, certificate, username, password, stop: daemon.stop };
}
