import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, SHOP, type ShopifyReference, startShopify } from '../test/shopify-api.js';
import { auth } from './auth.js';

let shop: ShopifyReference;
beforeAll(async () => {
  shop = await startShopify();
});
afterAll(() => shop.close());

describe('connection test', () => {
  it('asks for the shop’s name, and fails as auth for a refused token', async () => {
    const connection = { shop: SHOP, accessToken: ACCESS_TOKEN, apiVersion: '2026-01', apiUrl: shop.url };
    await expect(auth.validate?.(connection)).resolves.toBeUndefined();
    expect(shop.server.requests.at(-1)?.body).toMatchObject({ query: expect.stringContaining('shop { name }') });
    await expect(auth.validate?.({ ...connection, accessToken: 'shpat_revoked' })).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });
});
