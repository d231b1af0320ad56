import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, SHOP, type ShopifyReference, startShopify, VERSION } from './shopify-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback shop of
// shopify-api.ts: graphql-js executing each operation against the Admin schema subset in shopify-schema.ts
// (the header names the Shopify pages followed). The shop is reached through the connection's apiUrl.
let shop: ShopifyReference;
let shopify: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  shop = await startShopify();
  shopify = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { shop: SHOP, accessToken: ACCESS_TOKEN, apiUrl: shop.url };
});
afterAll(async () => {
  await shopify?.close();
  await shop?.close();
});

const graphqlCalls = () => shop.server.requests.filter((r) => r.path === `/admin/api/${VERSION}/graphql.json`);
const lastCall = () => graphqlCalls().at(-1);

describe('shopify orders through the sandbox', () => {
  it('reads an order by numeric ID or GID, and lists orders newest first across pages', async () => {
    const first = shop.placeOrder({});
    const numeric = first.id.split('/').pop() ?? '';
    const got = await shopify.run('orders.get', { id: numeric }, { auth });
    expect(got).toMatchObject({ status: 'completed', isolation: 'worker' });
    expect(got.output).toMatchObject({
      id: first.id,
      name: first.name,
      financialStatus: 'PAID',
      fulfillmentStatus: 'UNFULFILLED',
      totalPrice: { amount: '50.00', currencyCode: 'EUR' },
      customer: { email: 'ada@example.com', firstName: 'Ada' },
      lineItems: [{ title: 'Engine T-shirt', quantity: 2, sku: 'TEE-1', unitPrice: { amount: '25.00' } }],
    });
    const call = lastCall();
    expect(call?.headers['x-shopify-access-token']).toBe(ACCESS_TOKEN);
    expect(call?.body).toMatchObject({ variables: { id: first.id, lineItems: 100 } });

    for (let i = 0; i < 12; i++) shop.placeOrder({ financial: i % 2 ? 'PENDING' : 'PAID' });
    const before = graphqlCalls().length;
    const listed = await shopify.run('orders.list', { maxResults: 13 }, { auth });
    expect(listed.status).toBe('completed');
    const orders = (listed.output as { orders: { name: string }[]; pageInfo: { hasNextPage: boolean } }).orders;
    expect(orders.map((o) => o.name)).toEqual(Array.from({ length: 13 }, (_, i) => `#${1013 - i}`));
    expect(graphqlCalls().length - before).toBe(2);
    expect(
      graphqlCalls()
        .slice(-2)
        .map((r) => (r.body as { variables: { first: number } }).variables.first),
    ).toEqual([10, 3]);

    const paid = await shopify.run(
      'orders.list',
      { query: 'financial_status:paid', oldestFirst: true, maxResults: 3 },
      { auth },
    );
    expect((paid.output as { orders: { name: string }[] }).orders.map((o) => o.name)).toEqual([
      '#1001',
      '#1002',
      '#1004',
    ]);
    expect(paid.output).toMatchObject({ pageInfo: { hasNextPage: true } });
  });

  it('answers not_found for an order the shop does not have', async () => {
    expect(await shopify.run('orders.get', { id: 'gid://shopify/Order/1' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found' },
    });
  });
});

describe('shopify products, customers and inventory through the sandbox', () => {
  it('creates, updates and lists products, and adjusts a variant’s inventory', async () => {
    const created = await shopify.run(
      'products.create',
      {
        title: 'Difference Engine Mug',
        vendor: 'Babbage & Co',
        productType: 'Kitchen',
        tags: ['ceramic'],
        status: 'DRAFT',
      },
      { auth },
    );
    expect(created).toMatchObject({
      status: 'completed',
      output: {
        title: 'Difference Engine Mug',
        handle: 'difference-engine-mug',
        status: 'DRAFT',
        variants: [{ title: 'Default Title' }],
      },
    });
    const product = created.output as { id: string; variants: { inventoryItemId: string }[] };

    const updated = await shopify.run(
      'products.update',
      { id: product.id, status: 'ACTIVE', tags: ['ceramic', 'gift'] },
      { auth },
    );
    expect(updated).toMatchObject({ status: 'completed', output: { status: 'ACTIVE', tags: ['ceramic', 'gift'] } });
    expect(shop.products.get(product.id)?.status).toBe('ACTIVE');

    const active = await shopify.run('products.list', { query: "vendor:'Babbage & Co' tag:gift" }, { auth });
    expect(active).toMatchObject({ status: 'completed', output: { products: [{ id: product.id }] } });
    const all = await shopify.run('products.list', {}, { auth });
    expect((all.output as { products: { title: string }[] }).products.map((p) => p.title)).toEqual([
      'Difference Engine Mug',
      'Engine T-shirt',
    ]);

    const blank = await shopify.run('products.update', { id: product.id, title: ' ' }, { auth });
    expect(blank).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(blank.error?.message).toContain("title: Title can't be blank");

    const itemId = product.variants[0]?.inventoryItemId ?? '';
    const adjusted = await shopify.run(
      'inventory.adjust',
      {
        reason: 'received',
        referenceDocumentUri: 'gid://acme/PurchaseOrder/42',
        changes: [{ inventoryItemId: itemId, locationId: shop.location.id, delta: 12 }],
      },
      { auth },
    );
    expect(adjusted).toMatchObject({
      status: 'completed',
      output: {
        reason: 'received',
        changes: [{ inventoryItemId: itemId, locationName: 'Main warehouse', delta: 12, quantityAfterChange: 12 }],
      },
    });
    expect(lastCall()?.body).toHaveProperty('variables', {
      input: {
        reason: 'received',
        name: 'available',
        referenceDocumentUri: 'gid://acme/PurchaseOrder/42',
        changes: [{ inventoryItemId: itemId, locationId: shop.location.id, delta: 12 }],
      },
    });
    const unknown = await shopify.run(
      'inventory.adjust',
      { changes: [{ inventoryItemId: '999', locationId: shop.location.id, delta: -1 }] },
      { auth },
    );
    expect(unknown).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(unknown.error?.message).toContain('inventory item could not be found');
  });

  it('creates and finds customers, and refuses a taken email', async () => {
    const created = await shopify.run(
      'customers.create',
      { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', tags: ['newsletter'] },
      { auth },
    );
    expect(created).toMatchObject({
      status: 'completed',
      output: {
        displayName: 'Grace Hopper',
        email: 'grace@example.com',
        numberOfOrders: '0',
        amountSpent: { amount: '0.00' },
      },
    });
    const found = await shopify.run('customers.list', { query: 'email:grace@example.com' }, { auth });
    expect(found).toMatchObject({
      status: 'completed',
      output: { customers: [{ firstName: 'Grace' }], pageInfo: { hasNextPage: false } },
    });
    const vip = await shopify.run('customers.list', { query: 'tag:vip' }, { auth });
    expect(vip).toMatchObject({ output: { customers: [{ email: 'ada@example.com', numberOfOrders: '13' }] } });

    const taken = await shopify.run('customers.create', { email: 'grace@example.com' }, { auth });
    expect(taken).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(taken.error?.message).toContain('email: Email has already been taken');
  });
});

describe('shopify orders.new trigger', () => {
  it('records the first poll, then emits orders created since, oldest first, filtered by the query', async () => {
    const input = { query: 'financial_status:paid' };
    const first = await shopify.poll('orders.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(first.state?.since).toBeDefined();

    const a = shop.placeOrder({});
    shop.placeOrder({ financial: 'PENDING' });
    const b = shop.placeOrder({});
    const second = await shopify.poll('orders.new', input, { auth, state: first.state });
    expect(second).toMatchObject({ status: 'completed', items: [{ id: a.id }, { id: b.id }] });
    expect(lastCall()?.body).toHaveProperty(
      'variables.query',
      `created_at:>'${first.state?.since}' AND (financial_status:paid)`,
    );

    expect(await shopify.poll('orders.new', input, { auth, state: second.state })).toMatchObject({ items: [] });
  });
});

describe('shopify failures', () => {
  it('maps a refused token, throttling with its refill time, a server error and an invalid page', async () => {
    const refused = await shopify.run('products.list', {}, { auth: { ...auth, accessToken: 'shpat_wrong' } });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(refused.error?.message).toContain('Invalid API key or access token');
    expect(JSON.stringify(refused.error)).not.toContain('shpat_wrong');

    shop.server.answerNext('POST', '/admin/api/:version/graphql.json', {
      body: {
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: {
          cost: {
            requestedQueryCost: 302,
            actualQueryCost: null,
            throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2, restoreRate: 100 },
          },
        },
      },
    });
    expect(await shopify.run('customers.list', {}, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', retryAfter: 3 },
    });

    shop.server.answerNext('POST', '/admin/api/:version/graphql.json', {
      status: 429,
      headers: { 'retry-after': '2.0' },
      body: {
        errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
      },
    });
    expect(await shopify.run('customers.list', {}, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 2 },
    });

    shop.server.answerNext('POST', '/admin/api/:version/graphql.json', {
      status: 503,
      body: { errors: 'Service Unavailable' },
    });
    expect(await shopify.run('orders.get', { id: '1' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'transient', status: 503 },
    });

    const wrongVersion = await shopify.run('orders.get', { id: '1' }, { auth: { ...auth, apiVersion: '2020-01' } });
    expect(wrongVersion).toMatchObject({ status: 'failed', error: { status: 404 } });
    expect(shop.server.unmatched).toEqual([]);
  });
});
