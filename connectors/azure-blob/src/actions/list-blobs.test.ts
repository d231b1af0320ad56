import { runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BLOB_HOST, isolateNetwork, keyConnection, SHARED_KEY_AUTH, storageError } from '../../test/support.js';
import connector from '../index.js';

// Request and response shapes from "List Blobs" (learn.microsoft.com/rest/api/storageservices/list-blobs):
// GET /<container>?restype=container&comp=list with prefix, marker and maxresults; Blob entries carry
// Properties with Last-Modified, Etag, Content-Length and Content-Type.
const page = `<?xml version="1.0" encoding="utf-8"?>
<EnumerationResults ServiceEndpoint="${BLOB_HOST}/" ContainerName="reports">
  <Prefix>daily/</Prefix>
  <MaxResults>2</MaxResults>
  <Blobs>
    <Blob>
      <Name>daily/2025-03-03.json</Name>
      <Properties>
        <Creation-Time>Mon, 03 Mar 2025 18:00:00 GMT</Creation-Time>
        <Last-Modified>Mon, 03 Mar 2025 18:00:00 GMT</Last-Modified>
        <Etag>0x8DD5B0A1B2C3D4E</Etag>
        <Content-Length>13</Content-Length>
        <Content-Type>application/json</Content-Type>
        <Content-Encoding />
        <Content-Language />
        <Content-MD5>sQqNsWTgdUEFt6mb5y4/5Q==</Content-MD5>
        <Cache-Control />
        <BlobType>BlockBlob</BlobType>
        <AccessTier>Hot</AccessTier>
        <AccessTierInferred>true</AccessTierInferred>
        <LeaseStatus>unlocked</LeaseStatus>
        <LeaseState>available</LeaseState>
        <ServerEncrypted>true</ServerEncrypted>
      </Properties>
    </Blob>
    <Blob>
      <Name>daily/empty.bin</Name>
      <Properties>
        <Creation-Time>Tue, 04 Mar 2025 18:00:00 GMT</Creation-Time>
        <Last-Modified>Tue, 04 Mar 2025 18:00:00 GMT</Last-Modified>
        <Etag>0x8DD5C1A2B3C4D5E</Etag>
        <Content-Length>0</Content-Length>
        <Content-Type />
        <BlobType>BlockBlob</BlobType>
        <LeaseStatus>unlocked</LeaseStatus>
        <LeaseState>available</LeaseState>
        <ServerEncrypted>true</ServerEncrypted>
      </Properties>
    </Blob>
  </Blobs>
  <NextMarker>2!96!MDAwMDE5IWRhaWx5LzIwMjUtMDMtMDUuanNvbiEwMDAwMjgh</NextMarker>
</EnumerationResults>`;

describe('blobs.list', () => {
  isolateNetwork();

  it('lists blobs with size, type, date, etag (quoted, as the ETag header has it) and the next page token', async () => {
    nock(BLOB_HOST, { reqheaders: { authorization: SHARED_KEY_AUTH } })
      .get('/reports')
      .query({ restype: 'container', comp: 'list', prefix: 'daily/', maxresults: '2' })
      .reply(200, page, { 'content-type': 'application/xml' });

    const out = await runAction(
      connector,
      'blobs.list',
      { container: 'reports', prefix: 'daily/', limit: 2 },
      { auth: keyConnection },
    );

    expect(out).toEqual({
      blobs: [
        {
          name: 'daily/2025-03-03.json',
          size: 13,
          contentType: 'application/json',
          lastModified: '2025-03-03T18:00:00.000Z',
          etag: '"0x8DD5B0A1B2C3D4E"',
        },
        { name: 'daily/empty.bin', size: 0, lastModified: '2025-03-04T18:00:00.000Z', etag: '"0x8DD5C1A2B3C4D5E"' },
      ],
      continuationToken: '2!96!MDAwMDE5IWRhaWx5LzIwMjUtMDMtMDUuanNvbiEwMDAwMjgh',
    });
  });

  it('reports a missing container as not_found with a hint to list containers', async () => {
    nock(BLOB_HOST)
      .get('/archive')
      .query({ restype: 'container', comp: 'list', maxresults: '100' })
      .reply(404, ...storageError('ContainerNotFound', 'The specified container does not exist.'));

    await expect(
      runAction(connector, 'blobs.list', { container: 'archive' }, { auth: keyConnection }),
    ).rejects.toMatchObject({
      kind: 'not_found',
      status: 404,
      actionKey: 'blobs.list',
      vendorMessage: 'The specified container does not exist.',
      hint: expect.stringContaining('containers.list'),
    });
  });
});
