import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loopbackCertificate } from './loopback-certificate.js';

describe('loopbackCertificate', () => {
  it('makes a self-signed certificate for 127.0.0.1 and its matching key, fresh each call', async () => {
    const { certificate, key } = await loopbackCertificate();
    const x509 = new X509Certificate(certificate);
    expect(x509.subjectAltName).toBe('IP Address:127.0.0.1');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(await import('node:crypto').then((c) => c.createPrivateKey(key)))).toBe(true);
    expect((await loopbackCertificate()).certificate).not.toBe(certificate);
  });
});
