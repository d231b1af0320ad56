import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loopbackCertificate, startPrivateDaemon } from '@mova/sdk/testing';

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
  const { certificate, key } = await loopbackCertificate();
  const username = 'mova';
  const password = 'conformance-secret';
  const daemon = await startPrivateDaemon({
    command: 'mosquitto',
    ports: 2,
    async prepare(dir, [port, tlsPort]) {
      await writeFile(join(dir, 'cert.pem'), certificate);
      await writeFile(join(dir, 'key.pem'), key);
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
      return ['-c', join(dir, 'mosquitto.conf')];
    },
  });
  const [port = 0, tlsPort = 0] = daemon.ports;
  return { port, tlsPort, certificate, username, password, stop: daemon.stop };
}
