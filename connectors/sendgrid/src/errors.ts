import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';

/** What @sendgrid/client rejects with for an HTTP answer (helpers' ResponseError). */
interface SendGridResponseError {
  code: number;
  message: string;
  response: { headers?: Record<string, unknown>; body?: unknown };
}

function isResponseError(error: unknown): error is SendGridResponseError {
  if (!(error instanceof Error)) return false;
  const { code, response } = error as { code?: unknown; response?: unknown };
  return typeof code === 'number' && typeof response === 'object' && response !== null;
}

/** The messages of a v3 error body: `{"errors": [{"message", "field", "help"}]}`. */
export function errorMessages(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return undefined;
  const parts = body.errors.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return String(entry);
    const { message, field } = entry as { message?: unknown; field?: unknown };
    return typeof field === 'string' && field ? `${field}: ${String(message)}` : String(message);
  });
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * Seconds until SendGrid's rate limit window resets: it sends X-RateLimit-Reset (a Unix time)
 * rather than Retry-After, which is used when present.
 */
export function retryAfterOf(
  headers: Record<string, unknown> | undefined,
  now = Date.now(),
): string | number | undefined {
  const retryAfter = headers?.['retry-after'];
  if (typeof retryAfter === 'string') return retryAfter;
  const reset = Number(headers?.['x-ratelimit-reset']);
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  return Math.max(0, Math.ceil(reset - now / 1000));
}

const STATUSES: Record<number, ConnectorErrorKind> = { 413: 'invalid_input' };

export const sendgridErrors = errorMapping({
  vendor: 'SendGrid',
  read(error): VendorFailure | undefined {
    if (!isResponseError(error)) return undefined;
    const { headers, body } = error.response;
    return {
      status: error.code,
      vendorMessage: errorMessages(body) ?? error.message,
      retryAfter: error.code === 429 ? retryAfterOf(headers) : undefined,
      cause: error,
    };
  },
  statuses: STATUSES,
  hints: {
    statuses: {
      401: 'Check the API key: it may be revoked, or belong to the other data residency (an EU key needs region eu).',
      403: 'The API key lacks the permission this action needs (Mail Send, or Marketing for contacts); edit its scopes in Settings > API Keys.',
      413: 'The message or the contacts batch is too large (mail: 30 MB in all; contacts: 30,000 or 6 MB per request).',
    },
  },
});
