import { createHash } from 'node:crypto';
import { CRC32C } from '@google-cloud/storage';
import { runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { gcsConnection, gcsError, isolateNetwork, mockToken, STORAGE_HOST } from '../../test/support.js';
import connector from '../index.js';

// Shapes from the JSON API's "Objects: get" (cloud.google.com/storage/docs/json_api/v1/objects/get):
// GET /storage/v1/b/<bucket>/o/<url-encoded name> returns the object resource; with alt=media (and
// generation) it returns the bytes, with an x-goog-hash header carrying crc32c and md5
// ("Hashes and ETags", cloud.google.com/storage/docs/hashes-etags).
const GENERATION = '1741111200123456';

function hashes(bytes: Buffer): string {
  const crc = new CRC32C();
  crc.update(bytes);
  return `crc32c=${crc.toString()},md5=${createHash('md5').update(bytes).digest('base64')}`;
}

function mockObject(bucket: string, name: string, bytes: Buffer, contentType: string): void {
  const path = `/storage/v1/b/${bucket}/o/${encodeURIComponent(name)}`;
  nock(STORAGE_HOST, { reqheaders: { authorization: 'Bearer ya29.test-token' } })
    .get(path)
    .reply(200, {
      kind: 'storage#object',
      id: `${bucket}/${name}/${GENERATION}`,
      name,
      bucket,
      generation: GENERATION,
      metageneration: '1',
      contentType,
      size: String(bytes.length),
      md5Hash: createHash('md5').update(bytes).digest('base64'),
      etag: 'CMDi2Y7L1osDEAE=',
      timeCreated: '2025-03-04T18:00:00.123Z',
      updated: '2025-03-04T18:00:00.123Z',
    })
    .get(path)
    .query({ alt: 'media', generation: GENERATION })
    .reply(200, bytes, {
      'content-type': contentType,
      'content-length': String(bytes.length),
      'x-goog-generation': GENERATION,
      'x-goog-metageneration': '1',
      'x-goog-stored-content-length': String(bytes.length),
      'x-goog-hash': hashes(bytes),
    });
}

describe('objects.download', () => {
  isolateNetwork();

  it('returns UTF-8 text, reading the generation whose size it checked', async () => {
    const { keyId, ...connection } = gcsConnection();
    const text = 'orders,city\n42,Zürich\n';
    mockToken(keyId, 'ya29.test-token');
    mockObject('acme-reports', 'daily/2025-03-04.csv', Buffer.from(text), 'text/csv');

    const out = await runAction(
      connector,
      'objects.download',
      { bucket: 'acme-reports', name: 'daily/2025-03-04.csv' },
      { auth: connection },
    );

    expect(out).toEqual({
      bucket: 'acme-reports',
      name: 'daily/2025-03-04.csv',
      size: Buffer.byteLength(text),
      contentType: 'text/csv',
      generation: GENERATION,
      updated: '2025-03-04T18:00:00.123Z',
      md5Hash: createHash('md5').update(text).digest('base64'),
      content: text,
      encoding: 'text',
    });
  });

  it('returns binary content as base64', async () => {
    const { keyId, ...connection } = gcsConnection();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]);
    mockToken(keyId, 'ya29.test-token');
    mockObject('acme-images', 'logo.png', bytes, 'image/png');

    const out = await runAction(
      connector,
      'objects.download',
      { bucket: 'acme-images', name: 'logo.png', encoding: 'base64' },
      { auth: connection },
    );

    expect(out).toMatchObject({ content: bytes.toString('base64'), encoding: 'base64', size: 7 });
  });

  it('refuses an object over maxBytes without downloading it', async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST).get('/storage/v1/b/acme-videos/o/intro.mp4').reply(200, {
      kind: 'storage#object',
      name: 'intro.mp4',
      bucket: 'acme-videos',
      generation: GENERATION,
      size: '5000000',
    });

    await expect(
      runAction(
        connector,
        'objects.download',
        { bucket: 'acme-videos', name: 'intro.mp4', maxBytes: 1_000_000 },
        { auth: connection },
      ),
    ).rejects.toMatchObject({
      kind: 'invalid_input',
      actionKey: 'objects.download',
      message: 'the object is 5000000 bytes, over the download cap of 1000000 bytes',
      hint: expect.stringContaining('objects.signedUrl'),
    });
  });

  it('maps a missing object to not_found', async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST)
      .get('/storage/v1/b/acme-reports/o/missing.csv')
      .reply(404, gcsError(404, 'notFound', 'No such object: acme-reports/missing.csv'));

    await expect(
      runAction(connector, 'objects.download', { bucket: 'acme-reports', name: 'missing.csv' }, { auth: connection }),
    ).rejects.toMatchObject({
      kind: 'not_found',
      status: 404,
      vendorMessage: 'No such object: acme-reports/missing.csv',
      hint: expect.stringContaining('objects.list'),
    });
  });
});
