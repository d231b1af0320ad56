import { testConnection } from '@mova/sdk';
import { testServiceAccount } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { type SheetsReference, startSheetsApi } from './sheets-api.js';

const account = testServiceAccount();

// The connection check in-process (the conformance API runs actions and triggers only), against the
// same loopback Sheets API and token endpoint.
let api: SheetsReference;
beforeAll(async () => {
  api = await startSheetsApi(account);
});
afterAll(() => api?.close());

describe('validate', () => {
  it('gets a token and asks for a spreadsheet that cannot exist: 404 means the token works', async () => {
    await expect(
      testConnection(connector, { serviceAccountKey: account.keyFile(), apiUrl: api.url, tokenUrl: api.tokenUrl }),
    ).resolves.toBeUndefined();
    expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /token',
      'GET /v4/spreadsheets/mova-connection-check',
    ]);
  });

  it('fails on a token the API refuses', async () => {
    await expect(testConnection(connector, { accessToken: 'ya29.stale', apiUrl: api.url })).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
      actionKey: 'validate',
    });
  });

  it('fails before any request on a connection without credentials', async () => {
    const before = api.requests.length;
    await expect(testConnection(connector, { apiUrl: api.url })).rejects.toMatchObject({ kind: 'auth' });
    expect(api.requests.length).toBe(before);
  });
});
