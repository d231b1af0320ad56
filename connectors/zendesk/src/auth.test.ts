import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT, startZendesk, type ZendeskReference } from '../test/zendesk-api.js';
import { auth } from './auth.js';
import { apiRoot } from './client.js';

let zd: ZendeskReference;
beforeAll(async () => {
  zd = await startZendesk();
});
afterAll(() => zd.close());

describe('connection', () => {
  it('is https://<subdomain>.zendesk.com unless apiUrl names another root', () => {
    expect(apiRoot({ subdomain: 'acme', accessToken: 't' })).toBe('https://acme.zendesk.com');
    expect(apiRoot({ subdomain: 'acme', accessToken: 't', apiUrl: 'http://127.0.0.1:8080/' })).toBe(
      'http://127.0.0.1:8080',
    );
    expect(() => apiRoot({ subdomain: 'acme', accessToken: 't', apiUrl: 'http://zendesk.example' })).toThrow(/https/);
  });

  it('tests the connection with GET /users/me, failing as auth for a refused token', async () => {
    const connection = { subdomain: 'acme', apiUrl: zd.url, email: AGENT.email, apiToken: AGENT.apiToken };
    await expect(auth.validate?.(connection)).resolves.toBeUndefined();
    expect(zd.server.requests.at(-1)?.path).toBe('/api/v2/users/me.json');
    await expect(auth.validate?.({ ...connection, apiToken: 'nope' })).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });

  it('fails as auth when Zendesk answers as the anonymous user', async () => {
    zd.server.answerNext('GET', '/api/v2/users/me.json', { body: { user: { id: null, name: 'Anonymous user' } } });
    await expect(
      auth.validate?.({ subdomain: 'acme', apiUrl: zd.url, accessToken: AGENT.accessToken }),
    ).rejects.toMatchObject({
      kind: 'auth',
    });
  });
});
