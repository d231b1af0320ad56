import { ConnectorError, type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';

/**
 * A failed Admin API call, as the connector reads it off the client's `errors`: the HTTP status, the
 * GraphQL errors' codes and messages, and when to retry a throttled query.
 */
export class ShopifyFailure extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
    readonly retryAfter: number | string | undefined,
  ) {
    super(message);
  }
}

/**
 * GraphQL error codes (shopify.dev/docs/api/admin-graphql#status_and_error_codes) and status meanings
 * (shopify.dev/docs/api/usage/response-codes: 402 the shop is frozen for non-payment, 423 locked).
 */
const KIND_BY_CODE: Record<string, ConnectorErrorKind> = {
  THROTTLED: 'rate_limit',
  MAX_COST_EXCEEDED: 'invalid_input',
  ACCESS_DENIED: 'auth',
  SHOP_INACTIVE: 'auth',
  INTERNAL_SERVER_ERROR: 'transient',
  GRAPHQL_VALIDATION_FAILED: 'invalid_input',
  NOT_FOUND: 'not_found',
};

const STATUS_KINDS: Record<number, ConnectorErrorKind> = { 402: 'auth', 423: 'auth' };

const HINTS: Record<string, string> = {
  ACCESS_DENIED:
    'Give the custom app the Admin API scope the call needs (e.g. write_products, read_orders), then reinstall it.',
  THROTTLED: 'The shop’s query cost bucket is empty; it refills every second.',
};

export const shopifyErrors = errorMapping({
  vendor: 'Shopify',
  codes: KIND_BY_CODE,
  statuses: STATUS_KINDS,
  hints: { codes: HINTS, statuses: { 401: 'Check the shop domain and the Admin API access token (shpat_…).' } },
  // A failure with neither a status nor a code never got an answer: the shop could not be reached.
  fallback: 'transient',
  read(error): VendorFailure | undefined {
    if (!(error instanceof ShopifyFailure)) return undefined;
    return {
      status: error.status,
      code: error.code,
      vendorMessage: error.message,
      retryAfter: error.retryAfter,
      message: `Shopify ${error.status === undefined || error.status === 200 ? 'refused the query' : `answered ${error.status}`}${error.code ? ` ${error.code}` : ''}: ${error.message}`,
      cause: error,
    };
  },
});

/** Mutation `userErrors` (a field path and a message each) as one invalid_input error. */
export function userErrorsFailure(
  userErrors: readonly { field?: readonly string[] | null; message: string }[],
  actionKey: string | undefined,
): ConnectorError {
  const lines = userErrors.map((e) => (e.field?.length ? `${e.field.join('.')}: ${e.message}` : e.message));
  return new ConnectorError(`Shopify refused the input: ${lines.join('; ')}`, {
    kind: 'invalid_input',
    vendorMessage: lines.join('; '),
    actionKey,
  });
}
