import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { createServer, type Server } from 'node:tls';
import { loopbackCertificate } from './loopback-certificate.js';

/** A TLS listener in front of a loopback server; see {@link startTlsFront}. */
export interface TlsFront {
  origin: string;
  /** PEM of the certificate, to trust as a CA. */
  certificate: string;
  close(): Promise<void>;
}

/**
 * A self-signed certificate for 127.0.0.1 made for this test run ({@link loopbackCertificate}), and a
 * TLS listener on a free loopback port that hands each connection to a plain server on
 * `upstreamPort`: for vendor SDKs that send tokens over https only (Azure Key Vault, MSAL). Clients
 * trust the certificate through the connection's caCertificate, never by turning verification off.
 *
 * @example
 * const api = await startReferenceServer();
 * const tls = await startTlsFront(Number(new URL(api.url).port));
 * // connection: { url: tls.origin, caCertificate: tls.certificate }
 */
export async function startTlsFront(upstreamPort: number): Promise<TlsFront> {
  const { certificate, key } = await loopbackCertificate();
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
}
