import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A self-signed certificate for 127.0.0.1 and its private key, both PEM. */
export interface LoopbackCertificate {
  /** To serve, and to trust as a CA through a connection's `ca`/`caCertificate` field. */
  certificate: string;
  key: string;
}

/**
 * Makes a self-signed certificate for 127.0.0.1 (subjectAltName IP:127.0.0.1, valid one day) with
 * the machine's openssl, for a test server that speaks TLS. Clients trust it as a CA; no test turns
 * verification off.
 *
 * @example
 * const { certificate, key } = await loopbackCertificate();
 * const server = createServer({ cert: certificate, key }, handler);
 */
export async function loopbackCertificate(): Promise<LoopbackCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'mova-certificate-'));
  try {
    const [keyFile, certificateFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    await promisify(execFile)('openssl', [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
      ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ...['-keyout', keyFile, '-out', certificateFile],
    ]);
    return { certificate: await readFile(certificateFile, 'utf8'), key: await readFile(keyFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
