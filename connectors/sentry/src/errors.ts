import { type ConnectorError, errorMapping, httpResponseOf, type VendorFailure } from '@mova/sdk';

/**
 * Sentry answers failures with `{ "detail": "…" }` and its status (docs.sentry.io/api/auth,
 * /api/ratelimits). A 429 carries `X-Sentry-Rate-Limit-Reset`, the UTC epoch second the window
 * reopens, and no Retry-After; it becomes the seconds to wait.
 */
export function refine(error: ConnectorError, now = Date.now()): VendorFailure | undefined {
  const response = httpResponseOf(error);
  if (!response) return undefined;
  const reset = Number(response.headers['x-sentry-rate-limit-reset']);
  const fromReset = Number.isFinite(reset) && reset > 0 ? Math.max(1, Math.ceil(reset - now / 1000)) : undefined;
  return {
    status: response.status,
    vendorMessage: detailOf(response.data) ?? error.vendorMessage,
    retryAfter: response.headers['retry-after'] ?? fromReset,
    cause: error,
  };
}

/** `detail`, or field errors `{ "version": ["This field is required."] }` as Sentry's serializers give them. */
function detailOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const fields = Object.entries(data);
  const detail = fields.find(([key]) => key === 'detail')?.[1];
  if (typeof detail === 'string') return detail;
  const problems = fields.flatMap(([key, value]) =>
    Array.isArray(value) ? [`${key}: ${value.map(String).join(' ')}`] : [],
  );
  return problems.length > 0 ? problems.join('; ') : undefined;
}

export const sentryErrors = errorMapping({
  vendor: 'Sentry',
  refine: (error) => refine(error),
  hints: {
    statuses: {
      401: 'Check the auth token in the Sentry connection: it is missing, revoked or expired.',
      403: 'The token lacks a scope this action needs (event:read for issues and events, event:write to update them, project:releases for releases) or access to the project.',
      404: 'Check the organization slug, the issue ID and the connection URL (sentry.io, de.sentry.io or your own).',
    },
  },
});
