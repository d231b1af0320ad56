import { createHash, verify } from 'node:crypto';
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { CLIENT_EMAIL, gcsConnection, isolateNetwork, PUBLIC_KEY } from '../../test/support.js';
import connector from '../index.js';

/** RFC 3986 percent-encoding, as the V4 canonical query string asks (only A-Z a-z 0-9 - . _ ~ stay). */
const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Checks a V4 signed URL the way Cloud Storage does, following "V4 signing process with your own
 * program", "Canonical requests" and "Signatures" (cloud.google.com/storage/docs/access-control/
 * signing-urls-manually, …/authentication/canonical-requests, …/authentication/signatures):
 * rebuild the canonical request, hash it into the string-to-sign, and verify the hex RSA-SHA256
 * signature with the service account's public key.
 */
function verifyV4(url: string, method: string, headers: Record<string, string>): URLSearchParams {
  const parsed = new URL(url);
  const params = parsed.searchParams;
  const signature = params.get('X-Goog-Signature') ?? '';
  const query = [...params]
    .filter(([name]) => name !== 'X-Goog-Signature')
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .sort()
    .join('&');
  const allHeaders: Record<string, string> = { host: 'storage.googleapis.com', ...headers };
  const names = Object.keys(allHeaders).sort();
  const canonicalRequest = [
    method,
    parsed.pathname,
    query,
    names.map((name) => `${name}:${allHeaders[name]}\n`).join(''),
    names.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const date = params.get('X-Goog-Date') ?? '';
  const stringToSign = [
    'GOOG4-RSA-SHA256',
    date,
    `${date.slice(0, 8)}/auto/storage/goog4_request`,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  expect(signature).toMatch(/^[0-9a-f]+$/);
  expect(verify('RSA-SHA256', Buffer.from(stringToSign), PUBLIC_KEY, Buffer.from(signature, 'hex'))).toBe(true);
  return params;
}

function dateOf(goog: string): number {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(goog) ?? [];
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

describe('objects.signedUrl', () => {
  // Signing is local: with the network closed, any request (a token, the IAM signBlob API, the
  // metadata server) would fail the test.
  isolateNetwork();

  it('signs a read URL locally with the service account key', async () => {
    const { keyId: _, ...connection } = gcsConnection();

    const out = await runAction(
      connector,
      'objects.signedUrl',
      { bucket: 'acme-reports', name: 'daily/report 2025-03-04.csv', expiresInMinutes: 90 },
      { auth: connection },
    );

    expect(out).toMatchObject({ method: 'GET', headers: {} });
    const { url, expiresAt } = out as { url: string; expiresAt: string };
    expect(url.startsWith('https://storage.googleapis.com/acme-reports/daily/report%202025-03-04.csv?')).toBe(true);
    const params = verifyV4(url, 'GET', {});
    const date = params.get('X-Goog-Date') ?? '';
    expect(Object.fromEntries(params)).toMatchObject({
      'X-Goog-Algorithm': 'GOOG4-RSA-SHA256',
      'X-Goog-Credential': `${CLIENT_EMAIL}/${date.slice(0, 8)}/auto/storage/goog4_request`,
      'X-Goog-Expires': '5400',
      'X-Goog-SignedHeaders': 'host',
    });
    expect(Math.abs(dateOf(date) - Date.now())).toBeLessThan(5_000);
    expect(expiresAt).toBe(new Date(dateOf(date) + 5400 * 1000).toISOString());
  });

  it('signs a write URL that binds the Content-Type the uploader must send', async () => {
    const { keyId: _, ...connection } = gcsConnection();

    const out = await runAction(
      connector,
      'objects.signedUrl',
      { bucket: 'acme-uploads', name: 'inbox/scan.pdf', action: 'write', contentType: 'application/pdf' },
      { auth: connection },
    );

    expect(out).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/pdf' } });
    const params = verifyV4((out as { url: string }).url, 'PUT', { 'content-type': 'application/pdf' });
    expect(params.get('X-Goog-SignedHeaders')).toBe('content-type;host');
    expect(params.get('X-Goog-Expires')).toBe('3600');
  });

  it('signs a delete URL', async () => {
    const { keyId: _, ...connection } = gcsConnection();

    const out = await runAction(
      connector,
      'objects.signedUrl',
      { bucket: 'acme-reports', name: 'old.csv', action: 'delete', expiresInMinutes: 5 },
      { auth: connection },
    );

    expect(out).toMatchObject({ method: 'DELETE' });
    expect(verifyV4((out as { url: string }).url, 'DELETE', {}).get('X-Goog-Expires')).toBe('300');
  });

  it('refuses links valid for more than seven days', async () => {
    const { keyId: _, ...connection } = gcsConnection();
    await expect(
      runAction(
        connector,
        'objects.signedUrl',
        { bucket: 'acme-reports', name: 'a', expiresInMinutes: 10081 },
        { auth: connection },
      ),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
  });
});
