import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubSpotReference, PRIVATE_APP_TOKEN, startHubSpot } from '../test/hubspot-api.js';
import { auth } from './auth.js';

let hs: HubSpotReference;
beforeAll(async () => {
  hs = await startHubSpot();
});
afterAll(() => hs.close());

describe('connection test', () => {
  it('reads one contact with the token, and fails as auth for a refused one', async () => {
    await expect(auth.validate?.({ accessToken: PRIVATE_APP_TOKEN, apiUrl: hs.url })).resolves.toBeUndefined();
    const check = hs.server.requests.at(-1);
    expect(check).toMatchObject({ method: 'GET', path: '/crm/v3/objects/contacts' });
    expect(check?.query.get('limit')).toBe('1');
    await expect(auth.validate?.({ accessToken: 'pat-na1-revoked', apiUrl: hs.url })).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });

  it('refuses an API root that is plain http off loopback, before sending the token', async () => {
    const before = hs.server.requests.length;
    await expect(auth.validate?.({ accessToken: PRIVATE_APP_TOKEN, apiUrl: 'http://api.hubapi.com' })).rejects.toThrow(
      /not an https URL/,
    );
    expect(hs.server.requests.length).toBe(before);
  });
});
