import { field } from './fields.js';
import type { HttpResponse } from './types.js';

/**
 * The vendor's response behind an HTTP client error (a ConnectorError for a non-2xx status), to
 * read vendor-specific error codes from its body; `undefined` for any other error.
 * @example
 * catch (error) {
 *   if (httpResponseOf(error)?.headers['x-acme-error'] === 'quota') throw quotaError(error);
 *   throw error;
 * }
 */
export function httpResponseOf(error: unknown): HttpResponse | undefined {
  const cause = field(error, 'cause');
  return isHttpResponse(cause) ? cause : undefined;
}

function isHttpResponse(value: unknown): value is HttpResponse {
  return (
    typeof field(value, 'status') === 'number' &&
    typeof field(value, 'url') === 'string' &&
    typeof field(value, 'headers') === 'object'
  );
}
