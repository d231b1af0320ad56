import { type ConnectorError, errorMapping, httpResponseOf, type VendorFailure } from '@mova/sdk';

/**
 * The code and words of an OData error body: V4 `{ error: { code, message, details } }`, V2 (SAP
 * Gateway) `{ error: { code, message: { lang, value }, innererror } }`.
 */
export function odataError(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return {};
  const error = body.error;
  if (typeof error !== 'object' || error === null) return {};
  const code = 'code' in error && typeof error.code === 'string' && error.code ? error.code : undefined;
  const raw = 'message' in error ? error.message : undefined;
  const message =
    typeof raw === 'string'
      ? raw
      : typeof raw === 'object' && raw !== null && 'value' in raw && typeof raw.value === 'string'
        ? raw.value
        : undefined;
  return { code, message };
}

function refine(error: ConnectorError): VendorFailure | undefined {
  const response = httpResponseOf(error);
  if (!response) return undefined;
  const { code, message } = odataError(response.data);
  // A CSRF refusal still standing after one fresh token is not a credentials problem.
  const csrf = response.status === 403 && response.headers['x-csrf-token']?.toLowerCase() === 'required';
  if (!code && !message && !csrf) return undefined;
  return {
    status: response.status,
    code,
    vendorMessage: message ?? (csrf ? 'CSRF token validation failed' : undefined),
    retryAfter: error.retryAfter,
    cause: error,
    ...(csrf
      ? {
          kind: 'auth' as const,
          hint: 'The service refused the CSRF token even after a fresh one: check that a proxy between keeps the session cookies, and that the user may call the service.',
        }
      : {}),
  };
}

export const sapErrors = errorMapping({
  vendor: 'SAP OData service',
  refine,
  // 428 Precondition Required: the request lacked the If-Match an ETag-protected entity needs.
  statuses: { 428: 'invalid_input' },
  hints: {
    statuses: {
      401: 'Check the username and password, or the OAuth client id, secret and token URL, of the connection.',
      403: 'The user lacks an authorization for this service or entity (PFCG role / communication arrangement).',
      404: 'Check the entity set, key and service URL; the message names what the service could not find.',
      412: 'The entity changed since its ETag was read: read it again (entities.get) and apply the change to the new state.',
      428: 'The entity is protected by an ETag: read it (entities.get) and give its etag as ifMatch.',
      429: 'The service’s rate limit was reached; the step is retried after the time it asked for.',
    },
  },
});
