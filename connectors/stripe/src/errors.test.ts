import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { stripeErrors } from './errors.js';

const {
  StripeAuthenticationError,
  StripeCardError,
  StripeConnectionError,
  StripeIdempotencyError,
  StripeInvalidRequestError,
  StripePermissionError,
  StripeRateLimitError,
} = Stripe.errors;

describe('stripeErrors', () => {
  it.each([
    [new StripeAuthenticationError({ message: 'Invalid API Key provided', statusCode: 401 }), 'auth', 401],
    [new StripePermissionError({ message: 'The provided key does not have access', statusCode: 403 }), 'auth', 403],
    [
      new StripeInvalidRequestError({
        message: "No such customer: 'cus_x'",
        code: 'resource_missing',
        statusCode: 404,
      }),
      'not_found',
      404,
    ],
    [
      new StripeInvalidRequestError({
        message: 'Missing required param: amount.',
        code: 'parameter_missing',
        statusCode: 400,
      }),
      'invalid_input',
      400,
    ],
    [
      new StripeInvalidRequestError({ message: 'No such price', code: 'resource_missing', statusCode: 400 }),
      'not_found',
      400,
    ],
    [new StripeIdempotencyError({ message: 'Keys for idempotent requests…', statusCode: 400 }), 'invalid_input', 400],
    [
      new StripeInvalidRequestError({ message: 'in use', code: 'idempotency_key_in_use', statusCode: 409 }),
      'conflict',
      409,
    ],
    [
      new StripeRateLimitError({ message: 'Too many requests', code: 'rate_limit', statusCode: 429 }),
      'rate_limit',
      429,
    ],
    [new Stripe.errors.StripeAPIError({ message: 'Something went wrong', statusCode: 500 }), 'transient', 500],
  ])('maps %s to %s', (error, kind, status) => {
    expect(stripeErrors.toConnectorError(error, 'customers.get')).toMatchObject({
      kind,
      status,
      actionKey: 'customers.get',
    });
  });

  it('reports a declined card as invalid input with the decline code', () => {
    const error = new StripeCardError({
      message: 'Your card was declined.',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      statusCode: 402,
    });
    const mapped = stripeErrors.toConnectorError(error);
    expect(mapped).toMatchObject({
      kind: 'invalid_input',
      status: 402,
      vendorMessage: 'Your card was declined. (insufficient_funds)',
    });
    expect(mapped.hint).toContain('declined');
  });

  it('says how to use an Idempotency-Key that was used for other parameters', () => {
    const error = new StripeIdempotencyError({
      message: 'Keys for idempotent requests can only be used with the same parameters',
      statusCode: 400,
    });
    const mapped = stripeErrors.toConnectorError(error);
    expect(mapped).toMatchObject({ kind: 'invalid_input', message: expect.stringContaining('400 idempotency_error') });
    expect(mapped.hint).toContain('new key');
  });

  it('keeps Retry-After', () => {
    const error = new StripeRateLimitError({
      message: 'Too many requests',
      statusCode: 429,
      headers: { 'retry-after': '2' },
    });
    expect(stripeErrors.toConnectorError(error).retryAfter).toBe(2);
  });

  it('treats an unreachable API as transient', () => {
    const error = new StripeConnectionError({ message: 'An error occurred with our connection to Stripe.' });
    expect(stripeErrors.toConnectorError(error)).toMatchObject({ kind: 'transient' });
  });
});
