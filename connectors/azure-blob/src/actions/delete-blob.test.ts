import { runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BLOB_HOST, isolateNetwork, keyConnection, SHARED_KEY_AUTH, storageError } from '../../test/support.js';
import connector from '../index.js';

// Shapes from "Delete Blob" (learn.microsoft.com/rest/api/storageservices/delete-blob): DELETE
// /<container>/<blob>, x-ms-delete-snapshots: include | only, 202 Accepted; a blob with snapshots
// deleted without that header fails with 409 SnapshotsPresent.
describe('blobs.delete', () => {
  isolateNetwork();

  it('deletes a blob without touching snapshots when none are asked for', async () => {
    nock(BLOB_HOST, { reqheaders: { authorization: SHARED_KEY_AUTH }, badheaders: ['x-ms-delete-snapshots'] })
      .delete('/reports/daily/2025-03-04.csv')
      .reply(202, '', { 'x-ms-delete-type-permanent': 'true' });

    await expect(
      runAction(
        connector,
        'blobs.delete',
        { container: 'reports', name: 'daily/2025-03-04.csv' },
        { auth: keyConnection },
      ),
    ).resolves.toEqual({ container: 'reports', name: 'daily/2025-03-04.csv', deleted: 'blob' });
  });

  it.each([
    ['include', 'blobAndSnapshots'],
    ['only', 'snapshots'],
  ])('sends x-ms-delete-snapshots: %s', async (snapshots, deleted) => {
    nock(BLOB_HOST, { reqheaders: { 'x-ms-delete-snapshots': snapshots } })
      .delete('/reports/a.csv')
      .reply(202, '');

    await expect(
      runAction(connector, 'blobs.delete', { container: 'reports', name: 'a.csv', snapshots }, { auth: keyConnection }),
    ).resolves.toEqual({ container: 'reports', name: 'a.csv', deleted });
  });

  it('explains a conflict when the blob has snapshots', async () => {
    nock(BLOB_HOST)
      .delete('/reports/a.csv')
      .reply(
        409,
        ...storageError('SnapshotsPresent', 'This operation is not permitted because the blob has snapshots.'),
      );

    await expect(
      runAction(connector, 'blobs.delete', { container: 'reports', name: 'a.csv' }, { auth: keyConnection }),
    ).rejects.toMatchObject({ kind: 'conflict', status: 409, hint: expect.stringContaining('"include"') });
  });

  it('refuses a snapshots value the schema does not know', async () => {
    await expect(
      runAction(
        connector,
        'blobs.delete',
        { container: 'reports', name: 'a.csv', snapshots: 'all' },
        { auth: keyConnection },
      ),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
  });
});
