import { ApiError } from '@google-cloud/storage';
import { type ConnectorErrorKind, errorMapping } from '@mova/sdk';

/** Reasons from the JSON API's error list whose meaning is finer than their status. */
const KIND_BY_REASON: Record<string, ConnectorErrorKind> = {
  rateLimitExceeded: 'rate_limit',
  userRateLimitExceeded: 'rate_limit',
  quotaExceeded: 'rate_limit',
  backendError: 'transient',
};

const HINT_BY_STATUS: Record<number, string> = {
  401: 'Check the service account key: it may be deleted or disabled; create a new JSON key if needed.',
  403: 'Grant the service account a Cloud Storage role on the bucket or project, e.g. "Storage Object User" (objects) or "Storage Admin" (listing buckets).',
  404: 'Check the bucket and object names (they are case-sensitive); objects.list shows what exists.',
  412: 'The object changed or already exists; leave out ifGenerationMatch to overwrite, or read its current generation first.',
};

/**
 * Cloud Storage's failures as ConnectorErrors: by the reason in Google's error list, then the
 * status, keeping the status, the reason, Google's message, Retry-After and the action key (also
 * on errors raised while building the client or fetching a token, before the action was known).
 */
export const gcsErrors = errorMapping({
  vendor: 'Cloud Storage',
  codes: KIND_BY_REASON,
  hints: { statuses: HINT_BY_STATUS },
  // An ApiError without an HTTP status never got an answer.
  fallback: 'transient',
  read(error) {
    if (isNetworkError(error)) {
      return {
        kind: 'transient',
        vendorMessage: error.message,
        message: 'Cloud Storage is unreachable',
        hint: 'A network failure between this worker and Cloud Storage; retrying usually helps.',
        cause: error,
      };
    }
    if (!(error instanceof ApiError)) return undefined;
    const status = typeof error.code === 'number' && error.code >= 100 ? error.code : undefined;
    return {
      status,
      code: error.errors?.find((e) => e.reason)?.reason,
      vendorMessage: error.message || undefined,
      retryAfter: retryAfterHeader(error),
      message: status ? undefined : `Cloud Storage is unreachable${error.message ? `: ${error.message}` : ''}`,
      cause: error,
    };
  },
});

/** Runs one Cloud Storage call; its failure leaves as `gcsErrors` maps it. */
export function gcsCall<T>(actionKey: string, call: () => Promise<T>): Promise<T> {
  return gcsErrors.call(actionKey, call);
}

/** A socket-level failure (node-fetch's FetchError carries the system code, e.g. ECONNRESET). */
function isNetworkError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code);
}

function retryAfterHeader(error: ApiError): string | undefined {
  const value = error.response?.headers?.['retry-after'];
  return typeof value === 'string' ? value : undefined;
}
