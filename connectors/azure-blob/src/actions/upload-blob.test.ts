import { createHash } from 'node:crypto';
import { runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BLOB_HOST, isolateNetwork, keyConnection, SHARED_KEY_AUTH, storageError } from '../../test/support.js';
import connector from '../index.js';

// Request and response shapes from "Put Blob" (learn.microsoft.com/rest/api/storageservices/put-blob):
// PUT /<container>/<blob> with x-ms-blob-type: BlockBlob and x-ms-blob-content-type, 201 Created with
// ETag, Last-Modified and Content-MD5. If-None-Match: * turns an existing blob into 409 BlobAlreadyExists
// ("Specifying conditional headers for Blob service operations").
function created(body: Buffer): Record<string, string> {
  return {
    etag: '"0x8DD5C1A2B3C4D5E"',
    'last-modified': 'Tue, 04 Mar 2025 18:00:00 GMT',
    'content-md5': createHash('md5').update(body).digest('base64'),
    'x-ms-request-server-encrypted': 'true',
    'x-ms-version-id': '2025-03-04T18:00:00.1234567Z',
  };
}

describe('blobs.upload', () => {
  isolateNetwork();

  it('puts text as a block blob with its content type and returns where it went', async () => {
    const text = 'orders,city\n42,Zürich\n';
    let received: string | undefined;
    nock(BLOB_HOST, {
      reqheaders: {
        authorization: SHARED_KEY_AUTH,
        'x-ms-blob-type': 'BlockBlob',
        'x-ms-blob-content-type': 'text/csv',
        'content-length': String(Buffer.byteLength(text)),
      },
      badheaders: ['if-none-match'],
    })
      // nock hands a UTF-8 body to the matcher as a string.
      .put('/reports/daily/2025-03-04.csv', (body) => {
        received = body;
        return true;
      })
      .reply(201, '', created(Buffer.from(text)));

    const out = await runAction(
      connector,
      'blobs.upload',
      { container: 'reports', name: 'daily/2025-03-04.csv', content: text, contentType: 'text/csv' },
      { auth: keyConnection },
    );

    expect(received).toBe(text);
    expect(out).toEqual({
      container: 'reports',
      name: 'daily/2025-03-04.csv',
      url: `${BLOB_HOST}/reports/daily/2025-03-04.csv`,
      size: Buffer.byteLength(text),
      etag: '"0x8DD5C1A2B3C4D5E"',
      lastModified: '2025-03-04T18:00:00.000Z',
      versionId: '2025-03-04T18:00:00.1234567Z',
    });
  });

  it('decodes base64 content to bytes and defaults the type to octet-stream', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    let received: Buffer | undefined;
    nock(BLOB_HOST, { reqheaders: { 'x-ms-blob-content-type': 'application/octet-stream' } })
      // nock hands a binary body to the matcher hex-encoded.
      .put('/images/logo.png', (body) => {
        received = Buffer.from(body, 'hex');
        return true;
      })
      .reply(201, '', created(bytes));

    const out = await runAction(
      connector,
      'blobs.upload',
      { container: 'images', name: 'logo.png', content: bytes.toString('base64'), encoding: 'base64' },
      { auth: keyConnection },
    );

    expect(received?.equals(bytes)).toBe(true);
    expect(out).toMatchObject({ size: bytes.length });
  });

  it('sends If-None-Match: * when overwrite is false and reports an existing blob as a conflict', async () => {
    nock(BLOB_HOST, { reqheaders: { 'if-none-match': '*', 'x-ms-blob-type': 'BlockBlob' } })
      .put('/reports/daily/2025-03-04.json')
      .reply(409, ...storageError('BlobAlreadyExists', 'The specified blob already exists.'));

    await expect(
      runAction(
        connector,
        'blobs.upload',
        { container: 'reports', name: 'daily/2025-03-04.json', content: 'x', overwrite: false },
        { auth: keyConnection },
      ),
    ).rejects.toMatchObject({
      kind: 'conflict',
      status: 409,
      vendorMessage: 'The specified blob already exists.',
      hint: expect.stringContaining('overwrite'),
    });
  });

  it('refuses content that is not base64 before calling Azure', async () => {
    await expect(
      runAction(
        connector,
        'blobs.upload',
        { container: 'images', name: 'logo.png', content: 'not base64!', encoding: 'base64' },
        { auth: keyConnection },
      ),
    ).rejects.toMatchObject({ kind: 'invalid_input', message: 'content is not valid base64' });
  });
});
