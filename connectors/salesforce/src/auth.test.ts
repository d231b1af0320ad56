// Resources by Version (GET /services/data/vXX.X/) from the REST API Developer Guide, "Resources by Version";
// the 401 body from "Status Codes and Error Responses"; the refresh answer from the OAuth 2.0 Refresh Token Flow
// (POST /services/oauth2/token, grant_type=refresh_token) in Salesforce Help.
import { testConnection, ValidationError } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BASE, connection, errorBody, INSTANCE, orgApi } from '../test/salesforce-api.js';
import connector from './index.js';

const resources = {
  sobjects: `${BASE}/sobjects`,
  query: `${BASE}/query`,
  limits: `${BASE}/limits`,
  'jobs.ingest': `${BASE}/jobs/ingest`,
};

describe('Salesforce connection', () => {
  it('is valid when the org lists its REST resources', async () => {
    orgApi().get(`${BASE}/`).reply(200, resources);
    await expect(testConnection(connector, connection)).resolves.toBeUndefined();
  });

  it('fails with kind auth on INVALID_SESSION_ID when it cannot refresh', async () => {
    orgApi().get(`${BASE}/`).reply(401, errorBody('INVALID_SESSION_ID', 'Session expired or invalid'));
    await expect(testConnection(connector, connection)).rejects.toMatchObject({
      kind: 'auth',
      vendorMessage: 'Session expired or invalid',
      hint: expect.stringContaining('refreshToken'),
    });
  });

  it('renews an expired token with the refresh token and retries the call', async () => {
    orgApi('expired-token').get(`${BASE}/`).reply(401, errorBody('INVALID_SESSION_ID', 'Session expired or invalid'));
    nock('https://login.salesforce.com')
      .post('/services/oauth2/token', {
        grant_type: 'refresh_token',
        refresh_token: 'refresh-me',
        client_id: 'consumer-key',
        client_secret: 'consumer-secret',
      })
      .reply(200, {
        access_token: 'fresh-token',
        signature: 'SSSbLO/gBhmmyNUvN18ODBDFYHzakxOMgqYtu+hDPsc=',
        scope: 'refresh_token api',
        instance_url: INSTANCE,
        id: 'https://login.salesforce.com/id/00Dx0000000BV7z/005x00000012Q9P',
        token_type: 'Bearer',
        issued_at: '1278448832702',
      });
    orgApi('fresh-token').get(`${BASE}/`).reply(200, resources);
    await testConnection(connector, {
      instanceUrl: INSTANCE,
      accessToken: 'expired-token',
      refreshToken: 'refresh-me',
      clientId: 'consumer-key',
      clientSecret: 'consumer-secret',
    });
  });

  it('uses the API version the connection names', async () => {
    orgApi().get('/services/data/v59.0/').reply(200, resources);
    await testConnection(connector, { ...connection, apiVersion: '59.0' });
  });

  it.each([
    [
      'plain http to another machine',
      { ...connection, instanceUrl: 'http://acme.my.salesforce.com' },
      '/auth/instanceUrl',
    ],
    ['a URL with a query', { ...connection, loginUrl: 'https://login.salesforce.com/?next=x' }, '/auth/loginUrl'],
    ['a refresh token without client id', { ...connection, refreshToken: 'r' }, '/auth'],
  ])('rejects %s before calling anything', async (_, value, pointer) => {
    const error = await testConnection(connector, value).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ issues: [expect.objectContaining({ pointer })] });
  });
});
