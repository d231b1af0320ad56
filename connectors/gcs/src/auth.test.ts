import { ConnectorError, runAction, testConnection, ValidationError } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { gcsConnection, isolateNetwork, mockToken, PROJECT, STORAGE_HOST } from '../test/support.js';
import connector from './index.js';

const emptyBucketList = { kind: 'storage#buckets' };

describe('connection', () => {
  isolateNetwork();

  it('validates by listing one bucket of the key’s project', async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST, { reqheaders: { authorization: 'Bearer ya29.test-token' } })
      .get('/storage/v1/b')
      .query({ project: PROJECT, maxResults: '1' })
      .reply(200, emptyBucketList);

    await expect(testConnection(connector, connection)).resolves.toBeUndefined();
  });

  it('reuses the access token across steps with the same connection', async () => {
    const { keyId, ...connection } = gcsConnection();
    mockToken(keyId, 'ya29.test-token');
    nock(STORAGE_HOST, { reqheaders: { authorization: 'Bearer ya29.test-token' } })
      .get('/storage/v1/b')
      .query(true)
      .times(2)
      .reply(200, emptyBucketList);

    await runAction(connector, 'buckets.list', {}, { auth: connection });
    await expect(runAction(connector, 'buckets.list', {}, { auth: connection })).resolves.toEqual({ buckets: [] });
  });

  it('reports a key Google refuses as an auth error', async () => {
    const { keyId: _, ...connection } = gcsConnection();
    // "Using OAuth 2.0 for Server to Server Applications": a bad assertion is answered 400 invalid_grant.
    nock('https://oauth2.googleapis.com')
      .post('/token')
      .reply(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });

    const error = await testConnection(connector, connection).catch((e) => e);

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'auth',
      status: 400,
      actionKey: 'validate',
      vendorMessage: 'Invalid JWT Signature.',
      hint: expect.stringContaining('service account key'),
    });
  });

  it('reports an unavailable token endpoint as transient', async () => {
    const { keyId: _, ...connection } = gcsConnection();
    nock('https://oauth2.googleapis.com').post('/token').reply(503, { error: 'temporarily_unavailable' });

    await expect(testConnection(connector, connection)).rejects.toMatchObject({ kind: 'transient', status: 503 });
  });

  it.each([
    ['text that is not JSON', 'not json', 'not valid JSON'],
    ['a user credential file', JSON.stringify({ type: 'authorized_user', client_id: 'x' }), '"service_account"'],
    [
      'a key whose private_key is damaged',
      JSON.stringify({ type: 'service_account', client_email: 'a@b.iam.gserviceaccount.com', private_key: 'nope' }),
      'cannot be read',
    ],
  ])('refuses %s before any request', async (_label, serviceAccountKey, message) => {
    await expect(testConnection(connector, { serviceAccountKey })).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining(message),
      hint: expect.stringContaining('JSON key file'),
    });
  });

  it('requires the key field', async () => {
    await expect(testConnection(connector, { projectId: PROJECT })).rejects.toBeInstanceOf(ValidationError);
  });
});

// "Access Google APIs through endpoints" (Private Service Connect) names endpoints such as
// storage-<name>.p.googleapis.com and oauth2-<name>.p.googleapis.com.
describe('endpoints the connection names', () => {
  isolateNetwork();

  it('sends the token grant to tokenUri and authorised requests to apiEndpoint', async () => {
    const { keyId, ...connection } = gcsConnection();
    const apiEndpoint = 'https://storage-movapsc.p.googleapis.com';
    const tokenUri = 'https://oauth2-movapsc.p.googleapis.com/token';
    mockToken(keyId, 'ya29.psc-token', tokenUri);
    nock(apiEndpoint, { reqheaders: { authorization: 'Bearer ya29.psc-token' } })
      .get('/storage/v1/b')
      .query({ project: PROJECT, maxResults: '1' })
      .reply(200, emptyBucketList);

    await expect(testConnection(connector, { ...connection, apiEndpoint, tokenUri })).resolves.toBeUndefined();
  });

  it('lists both fields as hosts the sandbox may reach', () => {
    expect(connector.network.connectionHosts).toEqual(['apiEndpoint', 'tokenUri']);
  });
});
