import { runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { gcsConnection, gcsError, isolateNetwork, mockToken, STORAGE_HOST } from '../../test/support.js';
import connector from '../index.js';

// Request and response shapes from the JSON API's "Objects: list"
// (cloud.google.com/storage/docs/json_api/v1/objects/list): GET /storage/v1/b/<bucket>/o with prefix,
// delimiter, maxResults and pageToken; kind storage#objects with items, prefixes and nextPageToken.
const page = {
  kind: 'storage#objects',
  nextPageToken: 'Cg5kYWlseS9lbXB0eS5iaW4=',
  prefixes: ['daily/archive/'],
  items: [
    {
      kind: 'storage#object',
      id: 'acme-reports/daily/2025-03-04.csv/1741111200123456',
      selfLink: 'https://www.googleapis.com/storage/v1/b/acme-reports/o/daily%2F2025-03-04.csv',
      mediaLink:
        'https://storage.googleapis.com/download/storage/v1/b/acme-reports/o/daily%2F2025-03-04.csv?generation=1741111200123456&alt=media',
      name: 'daily/2025-03-04.csv',
      bucket: 'acme-reports',
      generation: '1741111200123456',
      metageneration: '1',
      contentType: 'text/csv',
      storageClass: 'STANDARD',
      size: '22',
      md5Hash: 'sQqNsWTgdUEFt6mb5y4/5Q==',
      crc32c: 'yZRlqg==',
      etag: 'CMDi2Y7L1osDEAE=',
      timeCreated: '2025-03-04T18:00:00.123Z',
      updated: '2025-03-04T18:00:00.123Z',
      timeStorageClassUpdated: '2025-03-04T18:00:00.123Z',
    },
    {
      kind: 'storage#object',
      id: 'acme-reports/daily/empty.bin/1741111300000000',
      name: 'daily/empty.bin',
      bucket: 'acme-reports',
      generation: '1741111300000000',
      metageneration: '1',
      storageClass: 'STANDARD',
      size: '0',
      crc32c: 'AAAAAA==',
      etag: 'CICr1dXL1osDEAE=',
      timeCreated: '2025-03-04T18:01:40.000Z',
      updated: '2025-03-04T18:01:40.000Z',
    },
  ],
};

describe('objects.list', () => {
  isolateNetwork();

  it('lists one level of objects with their folders and the next page token', async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST, { reqheaders: { authorization: 'Bearer ya29.test-token' } })
      .get('/storage/v1/b/acme-reports/o')
      .query({ prefix: 'daily/', delimiter: '/', maxResults: '2' })
      .reply(200, page);

    const out = await runAction(
      connector,
      'objects.list',
      { bucket: 'acme-reports', prefix: 'daily/', delimiter: '/', limit: 2 },
      { auth: connection },
    );

    expect(out).toEqual({
      objects: [
        {
          bucket: 'acme-reports',
          name: 'daily/2025-03-04.csv',
          size: 22,
          contentType: 'text/csv',
          generation: '1741111200123456',
          updated: '2025-03-04T18:00:00.123Z',
          md5Hash: 'sQqNsWTgdUEFt6mb5y4/5Q==',
          crc32c: 'yZRlqg==',
        },
        {
          bucket: 'acme-reports',
          name: 'daily/empty.bin',
          size: 0,
          generation: '1741111300000000',
          updated: '2025-03-04T18:01:40.000Z',
          crc32c: 'AAAAAA==',
        },
      ],
      prefixes: ['daily/archive/'],
      nextPageToken: 'Cg5kYWlseS9lbXB0eS5iaW4=',
    });
  });

  it('returns an empty page for an empty bucket and maps a missing bucket to not_found', async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST)
      .get('/storage/v1/b/acme-empty/o')
      .query({ maxResults: '100', pageToken: 'Cg5kYWlseS9lbXB0eS5iaW4=' })
      .reply(200, { kind: 'storage#objects' })
      .get('/storage/v1/b/acme-gone/o')
      .query({ maxResults: '100' })
      .reply(404, gcsError(404, 'notFound', 'The specified bucket does not exist.'));

    await expect(
      runAction(
        connector,
        'objects.list',
        { bucket: 'acme-empty', pageToken: 'Cg5kYWlseS9lbXB0eS5iaW4=' },
        { auth: connection },
      ),
    ).resolves.toEqual({ objects: [], prefixes: [] });
    await expect(
      runAction(connector, 'objects.list', { bucket: 'acme-gone' }, { auth: connection }),
    ).rejects.toMatchObject({
      kind: 'not_found',
      status: 404,
      vendorMessage: 'The specified bucket does not exist.',
      message: 'Cloud Storage answered 404 notFound: The specified bucket does not exist.',
    });
  });
});
