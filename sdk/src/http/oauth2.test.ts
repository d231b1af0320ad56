import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Auth, type OAuth2Value } from '../auth.js';
import { createClientWith } from './client.js';
import type { HttpRuntime } from './runtime.js';

// Token requests and responses per RFC 6749 (https://www.rfc-editor.org/rfc/rfc6749): client authentication
// with HTTP Basic (§2.3.1), client credentials grant (§4.4), refresh (§6), success body (§5.1), error body (§5.2).
const API = 'https://api.acme.test';
const AUTH_HOST = 'https://auth.acme.test';
const NOW_S = 1_750_000_000;
const runtime: HttpRuntime = { now: () => NOW_S * 1000, random: () => 0, sleep: async () => {} };
const json = { 'content-type': 'application/json' };
const clientBasic = `Basic ${Buffer.from('cid:csecret').toString('base64')}`;

const authorizationCode = Auth.oauth2({
  flows: ['authorization_code'],
  tokenUrl: `${AUTH_HOST}/oauth/token`,
  scopes: ['items:read'],
});
const clientCredentials = Auth.oauth2({
  flows: ['client_credentials'],
  tokenUrl: `${AUTH_HOST}/oauth/token`,
  scopes: ['items:read', 'items:write'],
});

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const tokenCalls = () => agent.getCallHistory()?.filterCalls({ origin: AUTH_HOST }) ?? [];
const tokenBody = (fields: Record<string, string>) => (body: string) =>
  Object.entries(fields).every(([k, v]) => new URLSearchParams(body).get(k) === v);

describe('oauth2', () => {
  it('sends a fresh access token as Bearer without refreshing', async () => {
    agent
      .get(API)
      .intercept({ path: '/me', headers: { authorization: 'Bearer at_1' } })
      .reply(200, 'ok');
    const value: OAuth2Value = { accessToken: 'at_1', refreshToken: 'rt_1', expiresAt: NOW_S + 3600 };
    const http = createClientWith(
      { baseUrl: API, dispatcher: agent, auth: { definition: authorizationCode, value } },
      runtime,
    );
    await expect(http.get('/me')).resolves.toMatchObject({ data: 'ok' });
    expect(tokenCalls()).toHaveLength(0);
  });

  it('refreshes an expired token with the refresh_token grant and reports the new set', async () => {
    agent
      .get(AUTH_HOST)
      .intercept({
        path: '/oauth/token',
        method: 'POST',
        headers: { authorization: clientBasic, 'content-type': 'application/x-www-form-urlencoded' },
        body: tokenBody({ grant_type: 'refresh_token', refresh_token: 'rt_1' }),
      })
      .reply(
        200,
        { access_token: 'at_2', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt_2' },
        { headers: json },
      );
    agent
      .get(API)
      .intercept({ path: '/me', headers: { authorization: 'Bearer at_2' } })
      .reply(200, 'ok');
    const refreshed: OAuth2Value[] = [];
    const value = {
      accessToken: 'at_1',
      refreshToken: 'rt_1',
      expiresAt: NOW_S - 10,
      clientId: 'cid',
      clientSecret: 'csecret',
    };
    const http = createClientWith(
      {
        baseUrl: API,
        dispatcher: agent,
        auth: { definition: authorizationCode, value, onTokenRefresh: (tokens) => void refreshed.push(tokens) },
      },
      runtime,
    );
    await expect(http.get('/me')).resolves.toMatchObject({ data: 'ok' });
    expect(refreshed).toEqual([{ ...value, accessToken: 'at_2', refreshToken: 'rt_2', expiresAt: NOW_S + 3600 }]);
  });

  it('refreshes after a 401 and resends once', async () => {
    agent
      .get(AUTH_HOST)
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply(200, { access_token: 'at_2', expires_in: 60 }, { headers: json });
    const pool = agent.get(API);
    pool
      .intercept({ path: '/me', headers: { authorization: 'Bearer at_1' } })
      .reply(401, { message: 'token revoked' }, { headers: json });
    pool.intercept({ path: '/me', headers: { authorization: 'Bearer at_2' } }).reply(200, 'ok');
    const value = { accessToken: 'at_1', refreshToken: 'rt_1' };
    const http = createClientWith(
      { baseUrl: API, dispatcher: agent, auth: { definition: authorizationCode, value } },
      runtime,
    );
    await expect(http.get('/me')).resolves.toMatchObject({ data: 'ok' });
  });

  it('gives up with the 401 when the refreshed token is refused too', async () => {
    agent
      .get(AUTH_HOST)
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply(200, { access_token: 'at_2' }, { headers: json });
    agent.get(API).intercept({ path: '/me' }).reply(401, { message: 'nope' }, { headers: json }).times(2);
    const value = { accessToken: 'at_1', refreshToken: 'rt_1' };
    const http = createClientWith(
      { baseUrl: API, dispatcher: agent, auth: { definition: authorizationCode, value } },
      runtime,
    );
    await expect(http.get('/me')).rejects.toMatchObject({ kind: 'auth', status: 401, vendorMessage: 'nope' });
    expect(tokenCalls()).toHaveLength(1);
  });

  it('gets a token with the client_credentials grant and reuses it', async () => {
    agent
      .get(AUTH_HOST)
      .intercept({
        path: '/oauth/token',
        method: 'POST',
        headers: { authorization: clientBasic },
        body: tokenBody({ grant_type: 'client_credentials', scope: 'items:read items:write' }),
      })
      .reply(200, { access_token: 'cc_1', token_type: 'Bearer', expires_in: 3600 }, { headers: json });
    agent
      .get(API)
      .intercept({ path: '/items', headers: { authorization: 'Bearer cc_1' } })
      .reply(200, [])
      .times(2);
    const value = { clientId: 'cid', clientSecret: 'csecret' };
    const http = createClientWith(
      { baseUrl: API, dispatcher: agent, auth: { definition: clientCredentials, value } },
      runtime,
    );
    await http.get('/items');
    await http.get('/items');
    expect(tokenCalls()).toHaveLength(1);
  });

  it('shares one refresh between concurrent requests', async () => {
    agent
      .get(AUTH_HOST)
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply(200, { access_token: 'cc_1' }, { headers: json })
      .delay(20);
    agent
      .get(API)
      .intercept({ path: '/items', headers: { authorization: 'Bearer cc_1' } })
      .reply(200, [])
      .times(3);
    const value = { clientId: 'cid', clientSecret: 'csecret' };
    const http = createClientWith(
      { baseUrl: API, dispatcher: agent, auth: { definition: clientCredentials, value } },
      runtime,
    );
    await Promise.all([http.get('/items'), http.get('/items'), http.get('/items')]);
    expect(tokenCalls()).toHaveLength(1);
  });

  it("uses the definition's refresh hook instead of the token endpoint", async () => {
    const definition = Auth.oauth2({
      flows: ['authorization_code'],
      tokenUrl: `${AUTH_HOST}/oauth/token`,
      refresh: async (tokens, { tokenUrl }) => ({
        ...tokens,
        accessToken: `hooked:${tokens.refreshToken}:${tokenUrl.length}`,
      }),
    });
    const expected = `Bearer hooked:rt_1:${`${AUTH_HOST}/oauth/token`.length}`;
    agent
      .get(API)
      .intercept({ path: '/me', headers: { authorization: expected } })
      .reply(200, 'ok');
    const http = createClientWith(
      { baseUrl: API, dispatcher: agent, auth: { definition, value: { refreshToken: 'rt_1' } } },
      runtime,
    );
    await expect(http.get('/me')).resolves.toMatchObject({ data: 'ok' });
  });

  it('sends a public client its client_id in the form', async () => {
    agent
      .get(AUTH_HOST)
      .intercept({
        path: '/oauth/token',
        method: 'POST',
        headers: (h) => !('authorization' in h),
        body: tokenBody({ client_id: 'pub' }),
      })
      .reply(200, { access_token: 'at_2' }, { headers: json });
    agent
      .get(API)
      .intercept({ path: '/me', headers: { authorization: 'Bearer at_2' } })
      .reply(200, 'ok');
    const http = createClientWith(
      {
        baseUrl: API,
        dispatcher: agent,
        auth: { definition: authorizationCode, value: { refreshToken: 'rt_1', clientId: 'pub' } },
      },
      runtime,
    );
    await expect(http.get('/me')).resolves.toMatchObject({ data: 'ok' });
  });

  it('lets a token without a lifetime replace a stale expiry, so it is not refreshed again', async () => {
    agent
      .get(AUTH_HOST)
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply(200, { access_token: 'at_2' }, { headers: json });
    agent.get(API).intercept({ path: '/me' }).reply(200, 'ok').times(2);
    const value = { accessToken: 'at_1', refreshToken: 'rt_1', expiresAt: NOW_S - 1 };
    const http = createClientWith(
      { baseUrl: API, dispatcher: agent, auth: { definition: authorizationCode, value } },
      runtime,
    );
    await http.get('/me');
    await http.get('/me');
    expect(tokenCalls()).toHaveLength(1);
  });

  it('reports a refused refresh as auth, with the vendor reason and no secrets', async () => {
    agent
      .get(AUTH_HOST)
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply(
        400,
        { error: 'invalid_grant', error_description: 'refresh token rt_1_long is revoked' },
        { headers: json },
      );
    const value = { refreshToken: 'rt_1_long', clientId: 'cid', clientSecret: 'csecret' };
    const http = createClientWith(
      { baseUrl: API, dispatcher: agent, actionKey: 'items.list', auth: { definition: authorizationCode, value } },
      runtime,
    );
    const error = await http.get('/me').catch((e) => e);
    expect(error).toMatchObject({
      kind: 'auth',
      status: 400,
      actionKey: 'items.list',
      message: `refreshing the OAuth2 token at ${AUTH_HOST}/oauth/token failed with HTTP 400: invalid_grant: refresh token [redacted] is revoked`,
      hint: 'Reconnect the account: the refresh token or client credentials were refused.',
    });
  });

  it('fails as auth without sending when there is no token and no way to get one', async () => {
    const http = createClientWith(
      { baseUrl: API, dispatcher: agent, auth: { definition: authorizationCode, value: {} } },
      runtime,
    );
    await expect(http.get('/me')).rejects.toMatchObject({
      kind: 'auth',
      message: 'the connection has no OAuth2 access token',
    });
    expect(agent.getCallHistory()?.calls()).toHaveLength(0);
  });
});
