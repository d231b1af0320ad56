import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';
import { APIResponseError, isHTTPResponseError, RequestTimeoutError } from '@notionhq/client';

/**
 * Notion's error codes (developers.notion.com/reference/status-codes): the code says more than the
 * status, e.g. a page not shared with the integration is `object_not_found`, not 403.
 */
const CODES: Record<string, ConnectorErrorKind> = {
  unauthorized: 'auth',
  restricted_resource: 'auth',
  object_not_found: 'not_found',
  rate_limited: 'rate_limit',
  invalid_json: 'invalid_input',
  invalid_request_url: 'invalid_input',
  invalid_request: 'invalid_input',
  invalid_beta: 'invalid_input',
  validation_error: 'invalid_input',
  missing_version: 'invalid_input',
  conflict_error: 'conflict',
  internal_server_error: 'transient',
  service_overload: 'rate_limit',
  service_unavailable: 'transient',
  gateway_timeout: 'transient',
  database_connection_unavailable: 'transient',
  notionhq_client_request_timeout: 'transient',
};

const HINTS: Record<string, string> = {
  unauthorized: 'The token is not valid: copy the integration secret again, or authorize the public integration anew.',
  restricted_resource:
    'The integration lacks the capability this needs (read, update or insert content) in its settings.',
  object_not_found:
    'Check the id, and that the page or database is shared with the integration (⋯ → Connections in Notion).',
  validation_error: 'Notion refused the request body; its message names the field.',
  conflict_error: 'The page changed while it was being saved; run the step again.',
  rate_limited: 'Notion allows about 3 requests per second per integration; the step is retried after Retry-After.',
};

function read(error: unknown): VendorFailure | undefined {
  if (error instanceof RequestTimeoutError) {
    return { code: error.code, vendorMessage: error.message, cause: error };
  }
  if (isHTTPResponseError(error)) {
    return {
      status: error.status,
      code: error instanceof APIResponseError ? error.code : codeOf(error.body),
      vendorMessage: error.message,
      retryAfter: error.headers instanceof Headers ? error.headers.get('retry-after') : undefined,
      cause: error,
    };
  }
  return undefined;
}

/** The `code` of an error body the SDK did not recognise (a code newer than the SDK). */
function codeOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && 'code' in parsed && typeof parsed.code === 'string'
      ? parsed.code
      : undefined;
  } catch {
    return undefined;
  }
}

/** Notion SDK failures as ConnectorErrors, by Notion's error code first, then the HTTP status. */
export const notionErrors = errorMapping({ vendor: 'Notion', read, codes: CODES, hints: { codes: HINTS } });
