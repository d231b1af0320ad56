import { describe, expect, it } from 'vitest';
import { startGoogleReferenceApi } from './google-reference-api.js';
import { testServiceAccount } from './google-token.js';

const SCOPE = 'https://www.googleapis.com/auth/drive';

describe('startGoogleReferenceApi', () => {
  it('serves the token endpoint and answers only tokens it issued with the scope', async () => {
    const api = await startGoogleReferenceApi({
      account: testServiceAccount(),
      scope: SCOPE,
      refuse: { unauthenticated: { status: 401, body: 'who?' }, forbidden: { status: 403, body: 'scope' } },
    });
    try {
      api.route('GET', '/v1/thing', () => ({ body: { ok: true } }));
      api.tokens.refreshTokens.set('1//wide', { clientId: 'c', clientSecret: 's', scope: `${SCOPE} openid` });
      api.tokens.refreshTokens.set('1//narrow', { clientId: 'c', clientSecret: 's', scope: 'openid' });
      const token = async (refresh: string) => {
        const response = await fetch(api.tokenUrl, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: refresh,
            client_id: 'c',
            client_secret: 's',
          }),
        });
        return ((await response.json()) as { access_token: string }).access_token;
      };
      const get = async (authorization?: string) => {
        const response = await fetch(`${api.url}/v1/thing`, authorization ? { headers: { authorization } } : {});
        return [response.status, await response.text()];
      };
      expect(await get()).toEqual([401, 'who?']);
      expect(await get('Bearer ya29.unknown')).toEqual([401, 'who?']);
      expect(await get(`Bearer ${await token('1//narrow')}`)).toEqual([403, 'scope']);
      expect(await get(`Bearer ${await token('1//wide')}`)).toEqual([200, '{"ok":true}']);
      expect(api.unmatched).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
