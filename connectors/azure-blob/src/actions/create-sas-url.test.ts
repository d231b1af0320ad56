import { createHmac, randomBytes } from 'node:crypto';
import { runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  ACCOUNT_KEY,
  BLOB_HOST,
  entraConnection,
  isolateNetwork,
  keyConnection,
  mockToken,
  storageError,
  TENANT,
} from '../../test/support.js';
import connector from '../index.js';

const BLOB_PATH = '/reports/daily/2025-03-04.csv';
const CANONICAL_RESOURCE = `/blob/${ACCOUNT}/reports/daily/2025-03-04.csv`;

function hmac(base64Key: string, text: string): string {
  return createHmac('sha256', Buffer.from(base64Key, 'base64')).update(text, 'utf8').digest('base64');
}

function sasOf(url: string): URLSearchParams {
  const parsed = new URL(url);
  expect(`${parsed.origin}${parsed.pathname}`).toBe(`${BLOB_HOST}${BLOB_PATH}`);
  return parsed.searchParams;
}

/** The SAS expiry must be the requested number of minutes from now, to the second. */
function expectExpiryIn(minutes: number, se: string | null, reported: unknown): void {
  expect(se).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(reported).toBe(new Date(se ?? '').toISOString());
  const delta = Date.parse(se ?? '') - Date.now();
  expect(delta).toBeGreaterThan(minutes * 60_000 - 5_000);
  expect(delta).toBeLessThanOrEqual(minutes * 60_000);
}

describe('blobs.sasUrl', () => {
  isolateNetwork();

  it('signs a service SAS with the account key, computed locally', async () => {
    const out = await runAction(
      connector,
      'blobs.sasUrl',
      { container: 'reports', name: 'daily/2025-03-04.csv', permissions: ['write', 'read'], expiresInMinutes: 30 },
      { auth: keyConnection },
    );

    expect(out).toMatchObject({ permissions: 'rw', signedWith: 'accountKey' });
    const { url, expiresOn } = out as { url: string; expiresOn: string };
    const sas = sasOf(url);
    expect(Object.fromEntries(sas)).toMatchObject({ sv: '2025-07-05', spr: 'https', sr: 'b', sp: 'rw' });
    expect(sas.has('st')).toBe(false);
    expectExpiryIn(30, sas.get('se'), expiresOn);

    // "Create a service SAS" (learn.microsoft.com/rest/api/storageservices/create-service-sas),
    // string-to-sign for version 2020-12-06 and later, HMAC-SHA256 with the decoded account key.
    const stringToSign = [
      'rw', // signedPermissions
      '', // signedStart
      sas.get('se'), // signedExpiry
      CANONICAL_RESOURCE,
      '', // signedIdentifier
      '', // signedIP
      'https', // signedProtocol
      '2025-07-05', // signedVersion
      'b', // signedResource
      '', // signedSnapshotTime
      '', // signedEncryptionScope
      '', // rscc
      '', // rscd
      '', // rsce
      '', // rscl
      '', // rsct
    ].join('\n');
    expect(sas.get('sig')).toBe(hmac(ACCOUNT_KEY, stringToSign));
  });

  it('signs a user delegation SAS with a key fetched through Entra ID', async () => {
    const connection = entraConnection();
    const delegationKey = randomBytes(32).toString('base64');
    const objectId = '6b2c3fd4-21a7-4f0e-9a54-3c1e5f2d8b90';
    let keyInfo: { start: string; expiry: string } | undefined;

    mockToken(connection, 'entra-access-token');
    // "Get User Delegation Key" (learn.microsoft.com/rest/api/storageservices/get-user-delegation-key):
    // POST /?restype=service&comp=userdelegationkey with a KeyInfo body; the answer is a UserDelegationKey.
    nock(BLOB_HOST, { reqheaders: { authorization: 'Bearer entra-access-token' } })
      .post('/', (body: string) => {
        const start = /<Start>([^<]+)<\/Start>/.exec(body)?.[1];
        const expiry = /<Expiry>([^<]+)<\/Expiry>/.exec(body)?.[1];
        if (!start || !expiry) return false;
        keyInfo = { start, expiry };
        return true;
      })
      .query({ restype: 'service', comp: 'userdelegationkey' })
      .reply(
        200,
        () => {
          const { start, expiry } = keyInfo ?? { start: '', expiry: '' };
          return `<?xml version="1.0" encoding="utf-8"?>
<UserDelegationKey>
  <SignedOid>${objectId}</SignedOid>
  <SignedTid>${TENANT}</SignedTid>
  <SignedStart>${start}</SignedStart>
  <SignedExpiry>${expiry}</SignedExpiry>
  <SignedService>b</SignedService>
  <SignedVersion>2025-07-05</SignedVersion>
  <Value>${delegationKey}</Value>
</UserDelegationKey>`;
        },
        { 'content-type': 'application/xml' },
      );

    const out = await runAction(
      connector,
      'blobs.sasUrl',
      { container: 'reports', name: 'daily/2025-03-04.csv', permissions: ['delete'], expiresInMinutes: 120 },
      { auth: connection },
    );

    expect(out).toMatchObject({ permissions: 'd', signedWith: 'userDelegationKey' });
    const { url, expiresOn } = out as { url: string; expiresOn: string };
    const sas = sasOf(url);
    expectExpiryIn(120, sas.get('se'), expiresOn);
    // The key lives exactly as long as the link and starts a few minutes back to absorb clock skew.
    expect(keyInfo?.expiry).toBe(sas.get('se'));
    expect(Date.now() - Date.parse(keyInfo?.start ?? '')).toBeGreaterThan(4 * 60_000);
    expect(Object.fromEntries(sas)).toMatchObject({
      sv: '2025-07-05',
      spr: 'https',
      sr: 'b',
      sp: 'd',
      skoid: objectId,
      sktid: TENANT,
      skt: keyInfo?.start,
      ske: keyInfo?.expiry,
      sks: 'b',
      skv: '2025-07-05',
    });

    // "Create a user delegation SAS" (learn.microsoft.com/rest/api/storageservices/create-user-delegation-sas),
    // string-to-sign for version 2025-07-05 and later, HMAC-SHA256 with the decoded delegation key.
    const stringToSign = [
      'd', // signedPermissions
      '', // signedStart
      sas.get('se'), // signedExpiry
      CANONICAL_RESOURCE,
      objectId, // signedKeyObjectId
      TENANT, // signedKeyTenantId
      keyInfo?.start, // signedKeyStart
      keyInfo?.expiry, // signedKeyExpiry
      'b', // signedKeyService
      '2025-07-05', // signedKeyVersion
      '', // signedAuthorizedUserObjectId
      '', // signedUnauthorizedUserObjectId
      '', // signedCorrelationId
      '', // signedKeyDelegatedUserTenantId
      '', // signedDelegatedUserObjectId
      '', // signedIP
      'https', // signedProtocol
      '2025-07-05', // signedVersion
      'b', // signedResource
      '', // signedSnapshotTime
      '', // signedEncryptionScope
      '', // rscc
      '', // rscd
      '', // rsce
      '', // rscl
      '', // rsct
    ].join('\n');
    expect(sas.get('sig')).toBe(hmac(delegationKey, stringToSign));
  });

  it('explains that a SAS connection string cannot sign new links', async () => {
    const sasConnection = {
      method: 'connectionString',
      connectionString: `BlobEndpoint=${BLOB_HOST}/;SharedAccessSignature=sv=2025-07-05&ss=b&srt=sco&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=c2lnbmF0dXJl`,
    };

    await expect(
      runAction(connector, 'blobs.sasUrl', { container: 'reports', name: 'a.csv' }, { auth: sasConnection }),
    ).rejects.toMatchObject({ kind: 'invalid_input', hint: expect.stringContaining('AccountKey') });
  });

  it('maps a refused user delegation key request to auth', async () => {
    const connection = entraConnection();
    mockToken(connection, 'entra-access-token');
    nock(BLOB_HOST)
      .post('/')
      .query({ restype: 'service', comp: 'userdelegationkey' })
      .reply(
        403,
        ...storageError(
          'AuthorizationPermissionMismatch',
          'This request is not authorized to perform this operation using this permission.',
        ),
      );

    await expect(
      runAction(connector, 'blobs.sasUrl', { container: 'reports', name: 'a.csv' }, { auth: connection }),
    ).rejects.toMatchObject({
      kind: 'auth',
      status: 403,
      actionKey: 'blobs.sasUrl',
      hint: expect.stringContaining('Storage Blob Data'),
    });
  });
});
