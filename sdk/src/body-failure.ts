import type { VendorFailure } from './error-mapping.js';
import type { ConnectorError } from './errors.js';
import { httpResponseOf } from './http/response-of.js';

/** What a vendor's error body says: its code and its words. */
export interface ErrorBody {
  code?: string;
  message?: string;
}

/**
 * An `errorMapping` `refine` for connectors on the SDK's HTTP client whose error bodies carry a code
 * and words: `read` takes them out of the response body, the status and Retry-After are kept, and
 * `message` words the error (default: the mapping's `Vendor answered 404 code: words`).
 * @example
 * errorMapping({ vendor: 'Trello', codes, refine: refineByBody(readBody, (status, { message }) => `Trello answered ${status}: ${message}`) })
 */
export function refineByBody(
  read: (body: unknown) => ErrorBody,
  message?: (status: number, body: ErrorBody) => string,
): (error: ConnectorError) => VendorFailure | undefined {
  return (error) => {
    const response = httpResponseOf(error);
    if (!response) return undefined;
    const body = read(response.data);
    return {
      status: response.status,
      code: body.code,
      vendorMessage: body.message,
      retryAfter: error.retryAfter,
      message: message?.(response.status, body),
      cause: error,
    };
  };
}
