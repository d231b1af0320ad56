import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';
import Stripe from 'stripe';

/**
 * Stripe's error codes that say more than the status (docs.stripe.com/error-codes); the status decides
 * the rest (400 invalid_input, 401 auth, 402 card declined: invalid_input, 403 auth, 404 not_found,
 * 409 conflict, 429 rate_limit, 5xx transient).
 */
const CODES: Record<string, ConnectorErrorKind> = {
  resource_missing: 'not_found',
  idempotency_key_in_use: 'conflict',
  lock_timeout: 'transient',
  rate_limit: 'rate_limit',
  api_key_expired: 'auth',
  secret_key_required: 'auth',
  account_invalid: 'auth',
  StripeConnectionError: 'transient',
  idempotency_error: 'invalid_input',
};

const HINTS: Record<string, string> = {
  resource_missing: 'Check the id, and that it belongs to this account and mode (test or live key).',
  card_declined: 'The card was declined; the payment needs another payment method.',
  parameter_missing: 'Stripe needs the parameter its message names.',
  parameter_unknown: 'Stripe does not know the parameter its message names.',
  idempotency_key_in_use: 'Another request with this Idempotency-Key is in progress; run the step again shortly.',
  idempotency_error: 'This Idempotency-Key was used with other parameters; use a new key for a different request.',
  api_key_expired: 'The API key has expired: roll a new one in the Stripe Dashboard.',
};

function read(error: unknown): VendorFailure | undefined {
  if (!(error instanceof Stripe.errors.StripeError)) return undefined;
  const retryAfter = error.headers?.['retry-after'];
  return {
    status: error.statusCode,
    // The card's decline code says why (insufficient_funds…); the error code otherwise, or the class.
    code:
      error.code ??
      (error instanceof Stripe.errors.StripeIdempotencyError
        ? 'idempotency_error'
        : error.statusCode === undefined
          ? error.type
          : undefined),
    vendorMessage: error.decline_code ? `${error.message} (${error.decline_code})` : error.message,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
    cause: error,
  };
}

/** Stripe SDK failures as ConnectorErrors. 402 (a declined card) is the step's input, not a bug. */
export const stripeErrors = errorMapping({
  vendor: 'Stripe',
  read,
  codes: CODES,
  statuses: { 402: 'invalid_input' },
  hints: {
    codes: HINTS,
    statuses: {
      401: 'The API key is not valid for this account: check it in Developers → API keys.',
      403: 'The restricted key lacks the permission this action needs.',
    },
  },
});
