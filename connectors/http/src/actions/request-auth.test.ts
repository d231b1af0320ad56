import { runAction, testConnection } from '@mova/sdk';
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import connector from '../index.js';

// Each kind as its spec or a vendor documents it: API key header with a prefix and in the query,
// HTTP Basic (RFC 7617), Bearer (RFC 6750), OAuth2 client credentials (RFC 6749 §4.4, token
// response §5.1; e.g. https://developer.paypal.com/api/rest/authentication/).
const API = 'https://api.acme.test';
const AUTH_HOST = 'https://auth.acme.test';
const json = { 'content-type': 'application/json' };
const original = getGlobalDispatcher();
let agent: MockAgent;

beforeEach(() => {
  agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
});
afterEach(async () => {
  setGlobalDispatcher(original);
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const calls = () => agent.getCallHistory()?.calls() ?? [];
const run = (input: unknown, auth: unknown) => runAction(connector, 'request', input, { auth });

describe('request with each connection kind', () => {
  it('none sends no credentials', async () => {
    agent
      .get(API)
      .intercept({ path: '/v1/ping', headers: (h) => !('authorization' in h) })
      .reply(200, 'pong');
    await expect(run({ url: `${API}/v1/ping` }, {})).resolves.toMatchObject({ data: 'pong' });
  });

  it('apiKey in a header, with its prefix, on a path relative to baseUrl', async () => {
    agent
      .get(API)
      .intercept({ path: '/v1/me', headers: { authorization: 'Token k_live_1' } })
      .reply(200, { id: 'u1' }, { headers: json });
    const auth = {
      kind: 'apiKey',
      baseUrl: `${API}/v1`,
      apiKey: 'k_live_1',
      apiKeyName: 'Authorization',
      apiKeyPrefix: 'Token ',
    };
    await expect(run({ url: '/me' }, auth)).resolves.toMatchObject({ data: { id: 'u1' }, url: `${API}/v1/me` });
  });

  it('apiKey in the query, kept out of the reported URL', async () => {
    agent.get(API).intercept({ path: '/v1/forecast?city=Oslo&appid=k_q_1' }).reply(200, { temp: 3 }, { headers: json });
    const auth = { kind: 'apiKey', baseUrl: API, apiKey: 'k_q_1', apiKeyIn: 'query', apiKeyName: 'appid' };
    const output = await run({ url: '/v1/forecast', query: { city: 'Oslo' } }, auth);
    expect(output).toMatchObject({ data: { temp: 3 }, url: `${API}/v1/forecast?city=Oslo` });
  });

  it('basic', async () => {
    const expected = `Basic ${Buffer.from('ada:s3cret!').toString('base64')}`;
    agent
      .get(API)
      .intercept({ path: '/v1/me', headers: { authorization: expected } })
      .reply(200, 'ok');
    await expect(
      run({ url: `${API}/v1/me` }, { kind: 'basic', baseUrl: API, username: 'ada', password: 's3cret!' }),
    ).resolves.toMatchObject({
      data: 'ok',
    });
  });

  it('bearer', async () => {
    agent
      .get(API)
      .intercept({ path: '/v1/me', headers: { authorization: 'Bearer t_abc' } })
      .reply(200, 'ok');
    await expect(run({ url: `${API}/v1/me` }, { kind: 'bearer', baseUrl: API, token: 't_abc' })).resolves.toMatchObject(
      { data: 'ok' },
    );
  });

  it('oauth2ClientCredentials fetches a token with the client credentials grant and sends it', async () => {
    agent
      .get(AUTH_HOST)
      .intercept({
        path: '/oauth2/token',
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('cid:csecret').toString('base64')}` },
        body: (b) =>
          new URLSearchParams(b).get('grant_type') === 'client_credentials' &&
          new URLSearchParams(b).get('scope') === 'items:read',
      })
      .reply(200, { access_token: 'A21AAF', token_type: 'Bearer', expires_in: 32400 }, { headers: json });
    agent
      .get(API)
      .intercept({ path: '/v1/items', headers: { authorization: 'Bearer A21AAF' } })
      .reply(200, [], { headers: json });
    const auth = {
      kind: 'oauth2ClientCredentials',
      baseUrl: API,
      tokenUrl: `${AUTH_HOST}/oauth2/token`,
      clientId: 'cid',
      clientSecret: 'csecret',
      scope: 'items:read',
    };
    await expect(run({ url: '/v1/items' }, auth)).resolves.toMatchObject({ status: 200, data: [] });
  });

  it('refuses to send credentials outside the connection baseUrl', async () => {
    const auth = { kind: 'bearer', baseUrl: `${API}/v1`, token: 't_abc' };
    for (const url of ['https://attacker.test/collect', `${API}/v10/x`]) {
      await expect(run({ url }, auth)).rejects.toMatchObject({
        kind: 'invalid_input',
        message: expect.stringContaining(`the connection's credentials belong to ${API}/v1`),
      });
    }
    expect(calls()).toHaveLength(0);
  });

  it('needs a full URL when the connection has no baseUrl', async () => {
    await expect(run({ url: '/v1/me' }, {})).rejects.toMatchObject({
      kind: 'invalid_input',
      message: '"/v1/me" is a relative URL and the connection has no baseUrl',
    });
  });

  it("refuses a connection that lacks its kind's fields, naming them", async () => {
    await expect(run({ url: `${API}/v1/me` }, { kind: 'apiKey', baseUrl: API })).rejects.toMatchObject({
      code: 'E_VALIDATION',
      issues: [
        expect.objectContaining({ pointer: '/auth/apiKey', message: 'is required' }),
        expect.objectContaining({ pointer: '/auth/apiKeyName', message: 'is required' }),
      ],
    });
  });
});

describe('testing a connection', () => {
  it('GETs testPath with the credentials', async () => {
    agent
      .get(API)
      .intercept({ path: '/v1/me', headers: { authorization: 'Bearer t_abc' } })
      .reply(200, { id: 'u1' }, { headers: json });
    await expect(
      testConnection(connector, { kind: 'bearer', baseUrl: `${API}/v1`, token: 't_abc', testPath: '/me' }),
    ).resolves.toBeUndefined();
  });

  it('fails as auth when the service refuses the credentials', async () => {
    agent.get(API).intercept({ path: '/v1/me' }).reply(401, { message: 'Bad credentials' }, { headers: json });
    await expect(
      testConnection(connector, { kind: 'bearer', baseUrl: `${API}/v1`, token: 'wrong', testPath: '/me' }),
    ).rejects.toMatchObject({ kind: 'auth', status: 401, vendorMessage: 'Bad credentials' });
  });
});
