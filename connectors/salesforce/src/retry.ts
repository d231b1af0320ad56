import type { HttpRequestOptions } from 'jsforce';

/**
 * How often jsforce itself retries a request: only idempotent methods (jsforce never retries POST or
 * PATCH), only on 5xx answers and network errors, twice with a short back-off. jsforce's default (five
 * retries, also on 429 and 420) can hold a step for 15 s; rate limits are left to the runtime, which
 * sees them as `rate_limit` errors.
 */
export const retryPolicy: NonNullable<HttpRequestOptions['retry']> = {
  maxRetries: 2,
  minTimeout: 500,
  timeoutFactor: 2,
  statusCodes: [500, 502, 503, 504],
};
