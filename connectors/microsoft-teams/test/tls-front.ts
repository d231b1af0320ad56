import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';

/**
 * A TLS listener on a free loopback port, with a self-signed certificate for 127.0.0.1 made for this
 * test run by the machine's openssl, handing each connection to the plain-HTTP reference server:
 * @azure/identity (MSAL) accepts only https sign-in hosts. The connector trusts the certificate through
 * the connection's caCertificate, never by turning verification off.
 */
export interface TlsFront {
  origin: string;
  /** PEM of the certificate, to trust as a CA. */
  certificate: string;
  close(): Promise<void>;
}

export async function startTlsFront(upstreamPort: number): Promise<TlsFront> {
  const dir = mkdtempSync(join(tmpdir(), 'mova-graph-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const key = readFileSync(join(dir, 'key.pem'), 'utf8');
    const certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const server: Server = createServer({ key, cert: certificate }, (socket) => {
      const upstream = connect(upstreamPort, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      origin: `https://127.0.0.1:${port}`,
      certificate,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
