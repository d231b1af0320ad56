import { ApiError } from '@google-cloud/storage';
import { ConnectorError, type ConnectorErrorKind, errorKindForStatus } from '@mova/sdk';

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
 * Runs one Cloud Storage call and turns its failure into a ConnectorError that keeps the status,
 * Google's reason and message, and the action.
 */
export async function gcsCall<T>(actionKey: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toConnectorError(error, actionKey);
  }
}

function toConnectorError(error: unknown, actionKey: string): unknown {
  if (error instanceof ConnectorError) {
    if (error.actionKey) return error;
    // Errors raised while building the client or fetching a token do not know the action yet.
    return new ConnectorError(
      error.message,
      {
        kind: error.kind,
        status: error.status,
        vendorMessage: error.vendorMessage,
        actionKey,
        retryAfter: error.retryAfter,
        cause: error.cause,
      },
      error.hint,
    );
  }
  if (isNetworkError(error)) {
    return new ConnectorError(
      'Cloud Storage is unreachable',
      { kind: 'transient', vendorMessage: error.message, actionKey, cause: error },
      'A network failure between this worker and Cloud Storage; retrying usually helps.',
    );
  }
  if (!(error instanceof ApiError)) return error;
  const status = typeof error.code === 'number' && error.code >= 100 ? error.code : undefined;
  const reason = error.errors?.find((e) => e.reason)?.reason;
  const kind = (reason ? KIND_BY_REASON[reason] : undefined) ?? (status ? errorKindForStatus(status) : 'transient');
  const vendorMessage = error.message || undefined;
  const what = status
    ? `Cloud Storage answered ${status}${reason ? ` ${reason}` : ''}`
    : 'Cloud Storage is unreachable';
  return new ConnectorError(
    vendorMessage ? `${what}: ${vendorMessage}` : what,
    { kind, status, vendorMessage, actionKey, retryAfter: retryAfterOf(error), cause: error },
    status ? HINT_BY_STATUS[status] : undefined,
  );
}

/** A socket-level failure (node-fetch's FetchError carries the system code, e.g. ECONNRESET). */
function isNetworkError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code);
}

function retryAfterOf(error: ApiError): number | undefined {
  const value = error.response?.headers?.['retry-after'];
  const seconds = typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) ? seconds : undefined;
}
