import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Auth } from '../auth.js';
import { Type } from '../schema.js';
import { createHttpClient } from './client.js';

// Each kind as vendors document it: API key header with a prefix (Zendesk-style `Token ` / GitHub's
// `token `), API key in the query (e.g. `api_key=`), HTTP Basic (RFC 7617), Bearer (RFC 6750).
const API = 'https://api.acme.test';

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

describe('applying a connection', () => {
  it('apiKey in a header, with its prefix', async () => {
    agent
      .get(API)
      .intercept({ path: '/me', headers: { 'x-api-key': 'Token k_123' } })
      .reply(200, 'ok');
    const auth = {
      definition: Auth.apiKey({ in: 'header', name: 'X-Api-Key', prefix: 'Token ' }),
      value: { apiKey: 'k_123' },
    };
    await expect(createHttpClient({ baseUrl: API, dispatcher: agent, auth }).get('/me')).resolves.toMatchObject({
      data: 'ok',
    });
  });

  it('apiKey in the query, kept out of the reported URL', async () => {
    agent.get(API).intercept({ path: '/me?q=1&api_key=k_123' }).reply(200, 'ok');
    const auth = { definition: Auth.apiKey({ in: 'query', name: 'api_key' }), value: { apiKey: 'k_123' } };
    const res = await createHttpClient({ baseUrl: API, dispatcher: agent, auth }).get('/me', { query: { q: 1 } });
    expect(res.url).toBe(`${API}/me?q=1`);
  });

  it('basic', async () => {
    const expected = `Basic ${Buffer.from('ada:pä ss').toString('base64')}`;
    agent
      .get(API)
      .intercept({ path: '/me', headers: { authorization: expected } })
      .reply(200, 'ok');
    const auth = { definition: Auth.basic(), value: { username: 'ada', password: 'pä ss' } };
    await expect(createHttpClient({ baseUrl: API, dispatcher: agent, auth }).get('/me')).resolves.toMatchObject({
      data: 'ok',
    });
  });

  it('bearer', async () => {
    agent
      .get(API)
      .intercept({ path: '/me', headers: { authorization: 'Bearer t_1' } })
      .reply(200, 'ok');
    const auth = { definition: Auth.bearer(), value: { token: 't_1' } };
    await expect(createHttpClient({ baseUrl: API, dispatcher: agent, auth }).get('/me')).resolves.toMatchObject({
      data: 'ok',
    });
  });

  it('custom and none add nothing: the connector sets its own headers', async () => {
    agent
      .get(API)
      .intercept({ path: '/me', headers: (h) => !('authorization' in h) && h['x-shop'] === 's1' })
      .reply(200, 'ok')
      .times(2);
    const custom = Auth.custom({
      fields: Type.Object({ shop: Type.String(), secret: Type.String({ writeOnly: true }) }),
    });
    const value = { shop: 's1', secret: 'sh_secret' };
    await createHttpClient({
      baseUrl: API,
      dispatcher: agent,
      headers: { 'x-shop': value.shop },
      auth: { definition: custom, value },
    }).get('/me');
    await createHttpClient({
      baseUrl: API,
      dispatcher: agent,
      headers: { 'x-shop': 's1' },
      auth: { definition: Auth.none(), value: {} },
    }).get('/me');
  });

  it('redacts writeOnly custom fields from vendor messages', async () => {
    agent.get(API).intercept({ path: '/me' }).reply(401, 'secret sh_secret is wrong');
    const custom = Auth.custom({ fields: Type.Object({ secret: Type.String({ writeOnly: true }) }) });
    const http = createHttpClient({
      baseUrl: API,
      dispatcher: agent,
      auth: { definition: custom, value: { secret: 'sh_secret' } },
    });
    await expect(http.get('/me')).rejects.toMatchObject({ kind: 'auth', vendorMessage: 'secret [redacted] is wrong' });
  });

  it('fails as auth, naming the empty field, before sending anything', async () => {
    const auth = { definition: Auth.bearer(), value: { token: '' } };
    await expect(
      createHttpClient({ baseUrl: API, dispatcher: agent, auth, actionKey: 'a.b' }).get('/me'),
    ).rejects.toMatchObject({
      kind: 'auth',
      actionKey: 'a.b',
      message: 'the connection has no "token"',
      hint: `Fill in the connection's "token" field.`,
    });
    expect(agent.getCallHistory()?.calls()).toHaveLength(0);
  });
});
