import { runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BLOB_HOST, isolateNetwork, keyConnection, SHARED_KEY_AUTH, storageError } from '../../test/support.js';
import connector from '../index.js';

// Shapes from "Get Blob Properties" (learn.microsoft.com/rest/api/storageservices/get-blob-properties):
// HEAD /<container>/<blob> answers with Content-Length, Content-Type, ETag and Last-Modified and, on
// failure, only an x-ms-error-code header; and from "Get Blob" (…/get-blob): GET with If-Match returns
// the bytes, or 412 ConditionNotMet when the blob changed.
const ETAG = '"0x8DD5C1A2B3C4D5E"';

function properties(size: number, contentType: string): Record<string, string> {
  return {
    'content-length': String(size),
    'content-type': contentType,
    etag: ETAG,
    'last-modified': 'Tue, 04 Mar 2025 18:00:00 GMT',
    'x-ms-blob-type': 'BlockBlob',
    'x-ms-server-encrypted': 'true',
    'accept-ranges': 'bytes',
  };
}

function mockBlob(path: string, body: Buffer, contentType: string): void {
  nock(BLOB_HOST, { reqheaders: { authorization: SHARED_KEY_AUTH } })
    .head(path)
    .reply(200, undefined, properties(body.length, contentType));
  nock(BLOB_HOST, { reqheaders: { authorization: SHARED_KEY_AUTH, 'if-match': ETAG } })
    .get(path)
    .reply(200, body, properties(body.length, contentType));
}

describe('blobs.download', () => {
  isolateNetwork();

  it('returns UTF-8 text with the blob properties, reading the version whose size it checked', async () => {
    const text = 'orders,city\n42,Zürich\n';
    mockBlob('/reports/daily/2025-03-04.csv', Buffer.from(text), 'text/csv');

    const out = await runAction(
      connector,
      'blobs.download',
      { container: 'reports', name: 'daily/2025-03-04.csv' },
      { auth: keyConnection },
    );

    expect(out).toEqual({
      container: 'reports',
      name: 'daily/2025-03-04.csv',
      content: text,
      encoding: 'text',
      size: Buffer.byteLength(text),
      contentType: 'text/csv',
      etag: ETAG,
      lastModified: '2025-03-04T18:00:00.000Z',
    });
  });

  it('returns binary content as base64', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]);
    mockBlob('/images/logo.png', bytes, 'image/png');

    const out = await runAction(
      connector,
      'blobs.download',
      { container: 'images', name: 'logo.png', encoding: 'base64' },
      { auth: keyConnection },
    );

    expect(out).toMatchObject({ content: bytes.toString('base64'), encoding: 'base64', size: 7 });
  });

  it('refuses a blob over maxBytes without downloading it', async () => {
    nock(BLOB_HOST).head('/videos/intro.mp4').reply(200, undefined, properties(5_000_000, 'video/mp4'));

    await expect(
      runAction(
        connector,
        'blobs.download',
        { container: 'videos', name: 'intro.mp4', maxBytes: 1_000_000 },
        { auth: keyConnection },
      ),
    ).rejects.toMatchObject({
      kind: 'invalid_input',
      actionKey: 'blobs.download',
      message: 'the blob is 5000000 bytes, over the download cap of 1000000 bytes',
      hint: expect.stringContaining('blobs.sasUrl'),
    });
  });

  it('asks for base64 when the blob is not UTF-8 text', async () => {
    mockBlob('/images/logo.png', Buffer.from([0xc3, 0x28, 0xff]), 'image/png');

    await expect(
      runAction(connector, 'blobs.download', { container: 'images', name: 'logo.png' }, { auth: keyConnection }),
    ).rejects.toMatchObject({ kind: 'invalid_input', hint: expect.stringContaining('"base64"') });
  });

  it('maps a missing blob (error code only in a header) to not_found', async () => {
    nock(BLOB_HOST)
      .head('/reports/missing.csv')
      .reply(404, undefined, { 'x-ms-error-code': 'BlobNotFound', 'x-ms-request-id': 'r-1' });

    await expect(
      runAction(connector, 'blobs.download', { container: 'reports', name: 'missing.csv' }, { auth: keyConnection }),
    ).rejects.toMatchObject({ kind: 'not_found', status: 404, hint: expect.stringContaining('blobs.list') });
  });

  it('reports a blob replaced between the size check and the read as a conflict', async () => {
    nock(BLOB_HOST).head('/reports/live.csv').reply(200, undefined, properties(10, 'text/csv'));
    nock(BLOB_HOST, { reqheaders: { 'if-match': ETAG } })
      .get('/reports/live.csv')
      .reply(
        412,
        ...storageError('ConditionNotMet', 'The condition specified using HTTP conditional header(s) is not met.'),
      );

    await expect(
      runAction(connector, 'blobs.download', { container: 'reports', name: 'live.csv' }, { auth: keyConnection }),
    ).rejects.toMatchObject({ kind: 'conflict', status: 412, hint: expect.stringContaining('again') });
  });
});
