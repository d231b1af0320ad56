import { ConnectorError, testConnection, ValidationError } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  BLOB_HOST,
  entraConnection,
  isolateNetwork,
  keyConnection,
  mockToken,
  SHARED_KEY_AUTH,
  TENANT,
} from '../test/support.js';
import connector from './index.js';

// "Get Account Information" (learn.microsoft.com/rest/api/storageservices/get-account-information):
// GET /?restype=account&comp=properties, answered with x-ms-sku-name and x-ms-account-kind headers.
const accountInfo = {
  'x-ms-sku-name': 'Standard_LRS',
  'x-ms-account-kind': 'StorageV2',
  'x-ms-is-hns-enabled': 'false',
};

describe('connection', () => {
  isolateNetwork();

  it('validates a connection string with Get Account Information', async () => {
    nock(BLOB_HOST, { reqheaders: { authorization: SHARED_KEY_AUTH } })
      .get('/')
      .query({ restype: 'account', comp: 'properties' })
      .reply(200, '', accountInfo);

    await expect(testConnection(connector, keyConnection)).resolves.toBeUndefined();
  });

  it('validates Entra ID credentials given an account URL', async () => {
    const { accountName: _, ...connection } = { ...entraConnection(), accountUrl: `${BLOB_HOST}/` };
    mockToken(connection, 'entra-access-token');
    nock(BLOB_HOST, { reqheaders: { authorization: 'Bearer entra-access-token' } })
      .get('/')
      .query({ restype: 'account', comp: 'properties' })
      .reply(200, '', accountInfo);

    await expect(testConnection(connector, connection)).resolves.toBeUndefined();
  });

  it('reports a client secret Entra ID refuses as an auth error', async () => {
    const connection = entraConnection();
    // Error shape from "Microsoft identity platform and the OAuth 2.0 client credentials flow", "Error response".
    nock('https://login.microsoftonline.com')
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .query(true)
      .reply(401, {
        error: 'invalid_client',
        error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${connection.clientId}'.`,
        error_codes: [7000215],
        timestamp: '2025-03-04 18:00:00Z',
        trace_id: '0c6b4b1e-8f0a-4a52-9d3c-6b1f5c2a7e00',
        correlation_id: '3a1f9d8e-2b7c-4e6a-8f0d-1c2b3a4d5e6f',
      });

    const error = await testConnection(connector, connection).catch((e) => e);

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.kind).toBe('auth');
    expect(error.vendorMessage).toContain('AADSTS7000215');
    expect(error.hint).toContain('clientSecret');
  });

  it('requires the fields of the chosen method', async () => {
    const missing = await testConnection(connector, {
      method: 'clientSecret',
      clientId: 'c',
      clientSecret: 's',
      accountName: ACCOUNT,
    }).catch((e) => e);
    expect(missing).toBeInstanceOf(ValidationError);
    expect(missing.issues).toEqual([expect.objectContaining({ pointer: '/auth/tenantId', message: 'is required' })]);

    const noAccount = await testConnection(connector, {
      method: 'clientSecret',
      tenantId: TENANT,
      clientId: 'c',
      clientSecret: 's',
    }).catch((e) => e);
    expect(noAccount).toBeInstanceOf(ValidationError);

    const noString = await testConnection(connector, { method: 'connectionString' }).catch((e) => e);
    expect(noString.issues).toEqual([expect.objectContaining({ pointer: '/auth/connectionString' })]);
  });

  it('refuses an account URL that is not an http(s) address', async () => {
    const { accountName: _, ...connection } = { ...entraConnection(), accountUrl: 'ftp://movatest.example.com/' };
    const error = await testConnection(connector, connection).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([expect.objectContaining({ pointer: '/auth/accountUrl' })]);
  });
});

// Sovereign clouds: "Azure China 21Vianet developer guide" and "Azure Government developer guide"
// (learn.microsoft.com) give the blob suffixes blob.core.chinacloudapi.cn and blob.core.usgovcloudapi.net
// and the sign-in hosts login.chinacloudapi.cn and login.microsoftonline.us.
describe('endpoints outside the global cloud', () => {
  isolateNetwork();
  const CHINA_HOST = `https://${ACCOUNT}.blob.core.chinacloudapi.cn`;
  const chinaString = keyConnection.connectionString.replace('core.windows.net', 'core.chinacloudapi.cn');

  it('sends requests to the endpoint a connection string names when accountUrl names it too', async () => {
    nock(CHINA_HOST, { reqheaders: { authorization: SHARED_KEY_AUTH } })
      .get('/')
      .query({ restype: 'account', comp: 'properties' })
      .reply(200, '', accountInfo);

    await expect(
      testConnection(connector, { method: 'connectionString', connectionString: chinaString, accountUrl: CHINA_HOST }),
    ).resolves.toBeUndefined();
  });

  it('asks for accountUrl when the connection string names an endpoint the manifest does not allow', async () => {
    const error = await testConnection(connector, { method: 'connectionString', connectionString: chinaString }).catch(
      (e) => e,
    );

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'auth',
      message: expect.stringContaining(CHINA_HOST),
      hint: expect.stringContaining(`Set accountUrl to ${CHINA_HOST}`),
    });
  });

  it('signs in at the authorityHost of the cloud the account lives in', async () => {
    const GOV_HOST = `https://${ACCOUNT}.blob.core.usgovcloudapi.net`;
    const { accountName: _, ...connection } = {
      ...entraConnection(),
      accountUrl: GOV_HOST,
      authorityHost: 'https://login.microsoftonline.us',
    };
    mockToken(connection, 'gov-access-token', 'https://login.microsoftonline.us');
    nock(GOV_HOST, { reqheaders: { authorization: 'Bearer gov-access-token' } })
      .get('/')
      .query({ restype: 'account', comp: 'properties' })
      .reply(200, '', accountInfo);

    await expect(testConnection(connector, connection)).resolves.toBeUndefined();
  });
});
