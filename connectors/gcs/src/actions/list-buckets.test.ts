import { runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { gcsConnection, gcsError, isolateNetwork, mockToken, PROJECT, STORAGE_HOST } from '../../test/support.js';
import connector from '../index.js';

// Request and response shapes from the JSON API's "Buckets: list"
// (cloud.google.com/storage/docs/json_api/v1/buckets/list): GET /storage/v1/b?project=…&prefix=…&maxResults=…,
// answered with kind storage#buckets, items and nextPageToken.
describe('buckets.list', () => {
  isolateNetwork();

  it("lists the key's project's buckets with a token from the JWT grant", async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST, { reqheaders: { authorization: 'Bearer ya29.test-token' } })
      .get('/storage/v1/b')
      .query({ project: PROJECT, prefix: 'acme-', maxResults: '2' })
      .reply(200, {
        kind: 'storage#buckets',
        nextPageToken: 'CgxhY21lLXJlcG9ydHM=',
        items: [
          {
            kind: 'storage#bucket',
            id: 'acme-invoices',
            selfLink: 'https://www.googleapis.com/storage/v1/b/acme-invoices',
            projectNumber: '123456789012',
            name: 'acme-invoices',
            timeCreated: '2024-11-02T08:15:00.123Z',
            updated: '2024-11-02T08:15:00.123Z',
            metageneration: '1',
            location: 'EU',
            locationType: 'multi-region',
            storageClass: 'STANDARD',
            etag: 'CAE=',
          },
          {
            kind: 'storage#bucket',
            id: 'acme-logs',
            selfLink: 'https://www.googleapis.com/storage/v1/b/acme-logs',
            projectNumber: '123456789012',
            name: 'acme-logs',
            timeCreated: '2025-01-20T10:00:00.000Z',
            updated: '2025-01-20T10:00:00.000Z',
            metageneration: '3',
            location: 'EUROPE-WEST1',
            locationType: 'region',
            storageClass: 'NEARLINE',
            etag: 'CAM=',
          },
        ],
      });

    const out = await runAction(connector, 'buckets.list', { prefix: 'acme-', limit: 2 }, { auth: connection });

    expect(out).toEqual({
      buckets: [
        { name: 'acme-invoices', location: 'EU', storageClass: 'STANDARD', created: '2024-11-02T08:15:00.123Z' },
        { name: 'acme-logs', location: 'EUROPE-WEST1', storageClass: 'NEARLINE', created: '2025-01-20T10:00:00.000Z' },
      ],
      nextPageToken: 'CgxhY21lLXJlcG9ydHM=',
    });
  });

  it('uses the connection projectId and the page token, and maps 403 to auth', async () => {
    const { keyId, ...connection } = gcsConnection({ projectId: 'other-project' });
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST)
      .get('/storage/v1/b')
      .query({ project: 'other-project', maxResults: '100', pageToken: 'CgxhY21lLXJlcG9ydHM=' })
      .reply(
        403,
        gcsError(
          403,
          'forbidden',
          `${'mova-runner'}@${PROJECT}.iam.gserviceaccount.com does not have storage.buckets.list access to the Google Cloud project.`,
        ),
      );

    await expect(
      runAction(connector, 'buckets.list', { pageToken: 'CgxhY21lLXJlcG9ydHM=' }, { auth: connection }),
    ).rejects.toMatchObject({
      kind: 'auth',
      status: 403,
      actionKey: 'buckets.list',
      vendorMessage: expect.stringContaining('does not have storage.buckets.list access'),
      hint: expect.stringContaining('Storage'),
    });
  });

  it('asks for a projectId when neither the key nor the connection has one', async () => {
    const { keyId: _, ...connection } = gcsConnection({ project_id: null });

    await expect(runAction(connector, 'buckets.list', {}, { auth: connection })).rejects.toMatchObject({
      kind: 'invalid_input',
      actionKey: 'buckets.list',
      hint: expect.stringContaining('projectId'),
    });
  });
});
