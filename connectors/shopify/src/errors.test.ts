import { describe, expect, it } from 'vitest';
import { ShopifyFailure, shopifyErrors, userErrorsFailure } from './errors.js';

describe('shopifyErrors', () => {
  it('classifies GraphQL error codes before the status', () => {
    expect(
      shopifyErrors.toConnectorError(new ShopifyFailure('Throttled', 200, 'THROTTLED', 3), 'orders.list'),
    ).toMatchObject({
      kind: 'rate_limit',
      retryAfter: 3,
      actionKey: 'orders.list',
    });
    const denied = shopifyErrors.toConnectorError(
      new ShopifyFailure('Access denied for orders field.', 200, 'ACCESS_DENIED', undefined),
    );
    expect(denied).toMatchObject({ kind: 'auth' });
    expect(denied.hint).toContain('scope');
    expect(
      shopifyErrors.toConnectorError(new ShopifyFailure('Query cost is 1500', 200, 'MAX_COST_EXCEEDED', undefined)),
    ).toMatchObject({
      kind: 'invalid_input',
    });
  });

  it('classifies statuses: 401 auth, 402 frozen shop, 404, 5xx, and no answer at all as transient', () => {
    expect(
      shopifyErrors.toConnectorError(new ShopifyFailure('[API] Invalid API key', 401, undefined, undefined)),
    ).toMatchObject({ kind: 'auth', status: 401 });
    expect(
      shopifyErrors.toConnectorError(new ShopifyFailure('Unavailable Shop', 402, undefined, undefined)),
    ).toMatchObject({ kind: 'auth' });
    expect(shopifyErrors.toConnectorError(new ShopifyFailure('Not Found', 404, undefined, undefined))).toMatchObject({
      kind: 'not_found',
    });
    expect(
      shopifyErrors.toConnectorError(new ShopifyFailure('Service Unavailable', 503, undefined, undefined)),
    ).toMatchObject({ kind: 'transient' });
    expect(
      shopifyErrors.toConnectorError(new ShopifyFailure('fetch failed', undefined, undefined, undefined)),
    ).toMatchObject({ kind: 'transient' });
  });

  it('turns userErrors into one invalid_input error naming the fields', () => {
    const error = userErrorsFailure(
      [
        { field: ['email'], message: 'Email has already been taken' },
        { field: null, message: 'Customer must have a name' },
      ],
      'customers.create',
    );
    expect(error).toMatchObject({ kind: 'invalid_input', actionKey: 'customers.create' });
    expect(error.message).toBe(
      'Shopify refused the input: email: Email has already been taken; Customer must have a name',
    );
  });
});
