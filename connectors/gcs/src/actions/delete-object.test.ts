import { runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { gcsConnection, gcsError, isolateNetwork, mockToken, STORAGE_HOST } from '../../test/support.js';
import connector from '../index.js';

// Shapes from the JSON API's "Objects: delete" (cloud.google.com/storage/docs/json_api/v1/objects/delete):
// DELETE /storage/v1/b/<bucket>/o/<url-encoded name> with optional generation and ifGenerationMatch,
// answered with 204 No Content; a failed precondition is 412 conditionNotMet.
describe('objects.delete', () => {
  isolateNetwork();

  it('deletes the live object under a generation precondition', async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST, { reqheaders: { authorization: 'Bearer ya29.test-token' } })
      .delete(`/storage/v1/b/acme-reports/o/${encodeURIComponent('daily/2025-03-04.csv')}`)
      .query({ ifGenerationMatch: '1741111200123456' })
      .reply(204);

    await expect(
      runAction(
        connector,
        'objects.delete',
        { bucket: 'acme-reports', name: 'daily/2025-03-04.csv', ifGenerationMatch: '1741111200123456' },
        { auth: connection },
      ),
    ).resolves.toEqual({ bucket: 'acme-reports', name: 'daily/2025-03-04.csv' });
  });

  it('deletes one version when a generation is named', async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST)
      .delete('/storage/v1/b/acme-reports/o/a.csv')
      .query({ generation: '1741000000000001' })
      .reply(204);

    await expect(
      runAction(
        connector,
        'objects.delete',
        { bucket: 'acme-reports', name: 'a.csv', generation: '1741000000000001' },
        { auth: connection },
      ),
    ).resolves.toEqual({ bucket: 'acme-reports', name: 'a.csv', generation: '1741000000000001' });
  });

  it('reports a generation mismatch as a conflict', async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST)
      .delete('/storage/v1/b/acme-reports/o/a.csv')
      .query({ ifGenerationMatch: '1' })
      .reply(412, gcsError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.'));

    await expect(
      runAction(
        connector,
        'objects.delete',
        { bucket: 'acme-reports', name: 'a.csv', ifGenerationMatch: '1' },
        { auth: connection },
      ),
    ).rejects.toMatchObject({ kind: 'conflict', status: 412, actionKey: 'objects.delete' });
  });
});
