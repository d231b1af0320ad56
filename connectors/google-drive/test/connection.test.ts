import { testConnection } from '@mova/sdk';
import { testServiceAccount } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { type DriveReference, startDriveApi } from './drive-api.js';

const account = testServiceAccount();

// The connection check in-process (the conformance API runs actions and triggers only), against the
// same loopback Drive API and token endpoint.
let api: DriveReference;
beforeAll(async () => {
  api = await startDriveApi(account);
  api.reset();
});
afterAll(() => api?.close());

describe('validate', () => {
  it('gets a token and reads about.get', async () => {
    await expect(
      testConnection(connector, { serviceAccountKey: account.keyFile(), apiUrl: api.url, tokenUrl: api.tokenUrl }),
    ).resolves.toBeUndefined();
    expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /token',
      'GET /drive/v3/about',
    ]);
  });

  it('fails on a key the token endpoint refuses', async () => {
    const otherKey = JSON.parse(account.keyFile());
    otherKey.client_email = 'someone-else@mova-conformance.iam.gserviceaccount.com';
    await expect(
      testConnection(connector, {
        serviceAccountKey: JSON.stringify(otherKey),
        apiUrl: api.url,
        tokenUrl: api.tokenUrl,
      }),
    ).rejects.toMatchObject({ kind: 'auth', status: 400, actionKey: 'validate' });
  });
});
