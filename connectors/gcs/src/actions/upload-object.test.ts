import { createHash } from 'node:crypto';
import { CRC32C } from '@google-cloud/storage';
import { runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { gcsConnection, gcsError, isolateNetwork, mockToken, STORAGE_HOST } from '../../test/support.js';
import connector from '../index.js';

// Shapes from the JSON API's "Objects: insert" (cloud.google.com/storage/docs/json_api/v1/objects/insert)
// and "Perform a multipart upload" (cloud.google.com/storage/docs/uploading-objects, JSON API tab):
// POST /upload/storage/v1/b/<bucket>/o?uploadType=multipart with a multipart/related body (JSON metadata,
// then the bytes) and ifGenerationMatch as a query parameter; the answer is the object resource. A failed
// precondition is 412 conditionNotMet.
function crc32c(bytes: Buffer): string {
  const checksum = new CRC32C();
  checksum.update(bytes);
  return checksum.toString();
}

function objectResource(bucket: string, name: string, bytes: Buffer, contentType: string) {
  return {
    kind: 'storage#object',
    id: `${bucket}/${name}/1741111200123456`,
    name,
    bucket,
    generation: '1741111200123456',
    metageneration: '1',
    contentType,
    storageClass: 'STANDARD',
    size: String(bytes.length),
    md5Hash: createHash('md5').update(bytes).digest('base64'),
    // The server's checksum of what it stored; the library compares it with its own and rejects a mismatch.
    crc32c: crc32c(bytes),
    etag: 'CMDi2Y7L1osDEAE=',
    timeCreated: '2025-03-04T18:00:00.123Z',
    updated: '2025-03-04T18:00:00.123Z',
  };
}

/** Splits a multipart/related request into its parts' headers and content bytes. */
async function parts(request: Request): Promise<{ headers: string; content: Buffer }[]> {
  const boundary = /boundary="?([^";]+)"?/.exec(request.headers.get('content-type') ?? '')?.[1];
  expect(boundary).toBeTruthy();
  // latin1 maps every byte to one character, so binary parts survive the split unchanged.
  return Buffer.from(await request.arrayBuffer())
    .toString('latin1')
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [headers = '', ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      return { headers, content: Buffer.from(rest.join('\r\n\r\n').replace(/\r\n$/, ''), 'latin1') };
    });
}

describe('objects.upload', () => {
  isolateNetwork();

  it('sends one multipart insert, create-only with ifGenerationMatch=0, and returns the object', async () => {
    const { keyId, ...connection } = gcsConnection();
    const text = 'orders,city\n42,Zürich\n';
    let sent: { headers: string; content: Buffer }[] = [];
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST, { reqheaders: { authorization: 'Bearer ya29.test-token' } })
      .post('/upload/storage/v1/b/acme-reports/o')
      .query({ uploadType: 'multipart', name: 'daily/2025-03-04.csv', ifGenerationMatch: '0' })
      // nock 15 hands a reply function the fetch Request, so the raw body bytes can be read.
      .reply(async (request: Request) => {
        sent = await parts(request);
        return [200, objectResource('acme-reports', 'daily/2025-03-04.csv', Buffer.from(text), 'text/csv')];
      });

    const out = await runAction(
      connector,
      'objects.upload',
      {
        bucket: 'acme-reports',
        name: 'daily/2025-03-04.csv',
        content: text,
        contentType: 'text/csv',
        ifGenerationMatch: '0',
      },
      { auth: connection },
    );

    expect(sent).toHaveLength(2);
    expect(JSON.parse(sent[0]?.content.toString('utf8') ?? '')).toMatchObject({ contentType: 'text/csv' });
    expect(sent[1]?.headers.toLowerCase()).toContain('content-type: text/csv');
    expect(sent[1]?.content.toString('utf8')).toBe(text);
    expect(out).toEqual({
      bucket: 'acme-reports',
      name: 'daily/2025-03-04.csv',
      size: Buffer.byteLength(text),
      contentType: 'text/csv',
      generation: '1741111200123456',
      updated: '2025-03-04T18:00:00.123Z',
      md5Hash: createHash('md5').update(text).digest('base64'),
      crc32c: crc32c(Buffer.from(text)),
    });
  });

  it('decodes base64 content to bytes and defaults the type to octet-stream', async () => {
    const { keyId, ...connection } = gcsConnection();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    let sent: { headers: string; content: Buffer }[] = [];
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST)
      .post('/upload/storage/v1/b/acme-images/o')
      .query({ uploadType: 'multipart', name: 'logo.png' })
      .reply(async (request: Request) => {
        sent = await parts(request);
        return [200, objectResource('acme-images', 'logo.png', bytes, 'application/octet-stream')];
      });

    const out = await runAction(
      connector,
      'objects.upload',
      { bucket: 'acme-images', name: 'logo.png', content: bytes.toString('base64'), encoding: 'base64' },
      { auth: connection },
    );

    expect(JSON.parse(sent[0]?.content.toString('utf8') ?? '')).toMatchObject({
      contentType: 'application/octet-stream',
    });
    expect(sent[1]?.content.equals(bytes)).toBe(true);
    expect(out).toMatchObject({ size: 8, md5Hash: createHash('md5').update(bytes).digest('base64') });
  });

  it('reports an existing object under ifGenerationMatch=0 as a conflict', async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST)
      .post('/upload/storage/v1/b/acme-reports/o')
      .query({ uploadType: 'multipart', name: 'daily/2025-03-04.csv', ifGenerationMatch: '0' })
      .reply(412, gcsError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.'));

    await expect(
      runAction(
        connector,
        'objects.upload',
        { bucket: 'acme-reports', name: 'daily/2025-03-04.csv', content: 'x', ifGenerationMatch: '0' },
        { auth: connection },
      ),
    ).rejects.toMatchObject({
      kind: 'conflict',
      status: 412,
      actionKey: 'objects.upload',
      vendorMessage: 'At least one of the pre-conditions you specified did not hold.',
      hint: expect.stringContaining('ifGenerationMatch'),
    });
  });

  // Retry-After as delay-seconds or as an HTTP date (RFC 9110 §10.2.3).
  it.each([
    ['3', 3, 3],
    [new Date(Date.now() + 120_000).toUTCString(), 100, 120],
  ])(
    'reports throttling as rate_limit without retrying a write that has no precondition (Retry-After %s)',
    async (retryAfter, least, most) => {
      const { keyId, ...connection } = gcsConnection();
      mockToken(keyId, 'ya29.test-token');
      nock(STORAGE_HOST)
        .post('/upload/storage/v1/b/acme-reports/o')
        .query(true)
        .reply(
          429,
          gcsError(429, 'rateLimitExceeded', 'The object exceeded the rate limit for object mutation operations.'),
          { 'retry-after': retryAfter },
        );

      const error = await runAction(
        connector,
        'objects.upload',
        { bucket: 'acme-reports', name: 'hot.txt', content: 'x' },
        { auth: connection },
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryable: true });
      expect(error).toHaveProperty(
        'retryAfter',
        expect.toSatisfy((n: number) => n >= least && n <= most),
      );
    },
  );

  it('reports a dropped connection as transient', async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST)
      .post('/upload/storage/v1/b/acme-reports/o')
      .query(true)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

    await expect(
      runAction(
        connector,
        'objects.upload',
        { bucket: 'acme-reports', name: 'a.txt', content: 'x' },
        { auth: connection },
      ),
    ).rejects.toMatchObject({
      kind: 'transient',
      actionKey: 'objects.upload',
      message: 'Cloud Storage is unreachable',
    });
  });
});
