import { type ErrorMapping, errorMapping, type VendorFailure } from '../../error-mapping.js';
import type { ConnectorErrorKind } from '../../errors.js';
import { httpResponseOf } from '../../http/response-of.js';

/**
 * Google's error reasons whose meaning is finer than their status: the JSON APIs' `errors[].reason`
 * (Drive answers a rate limit 403 rateLimitExceeded), the `ErrorInfo.reason` of newer APIs
 * (Sheets, Pub/Sub: RATE_LIMIT_EXCEEDED) and their canonical `status` (RESOURCE_EXHAUSTED).
 */
export const GOOGLE_REASON_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  rateLimitExceeded: 'rate_limit',
  userRateLimitExceeded: 'rate_limit',
  quotaExceeded: 'rate_limit',
  dailyLimitExceeded: 'rate_limit',
  sharingRateLimitExceeded: 'rate_limit',
  RATE_LIMIT_EXCEEDED: 'rate_limit',
  RESOURCE_EXHAUSTED: 'rate_limit',
  insufficientPermissions: 'auth',
  ACCESS_TOKEN_SCOPE_INSUFFICIENT: 'auth',
  PERMISSION_DENIED: 'auth',
  authError: 'auth',
  UNAUTHENTICATED: 'auth',
  notFound: 'not_found',
  NOT_FOUND: 'not_found',
  backendError: 'transient',
  internalError: 'transient',
  UNAVAILABLE: 'transient',
};

const REASON_HINTS: Readonly<Record<string, string>> = {
  insufficientPermissions:
    'The token lacks a scope this call needs: reconnect granting it, or add it to the domain-wide delegation.',
  ACCESS_TOKEN_SCOPE_INSUFFICIENT:
    'The token lacks a scope this call needs: reconnect granting it, or add it to the domain-wide delegation.',
  dailyLimitExceeded: "The project's daily quota for this API is used up; it resets at midnight Pacific Time.",
};

/** One Google API failure, read from what a googleapis / gaxios call threw (by shape: no dependency). */
export function googleApiFailure(error: unknown): VendorFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const response = field(error, 'response');
  const status = numberOf(field(response, 'status')) ?? numberOf(field(error, 'status'));
  if (status === undefined) return undefined;
  const body = field(field(response, 'data'), 'error');
  const reason =
    stringOf(field(arrayOf(field(body, 'errors'))[0], 'reason')) ??
    arrayOf(field(body, 'details'))
      .map((detail) => stringOf(field(detail, 'reason')))
      .find((found) => found !== undefined) ??
    stringOf(field(body, 'status'));
  return {
    status,
    code: reason,
    vendorMessage: stringOf(field(body, 'message')) ?? (error instanceof Error ? error.message : undefined),
    retryAfter: headerOf(field(response, 'headers'), 'retry-after'),
    cause: error,
  };
}

/**
 * The error mapping of one Google API: reasons first (`GOOGLE_REASON_KINDS`), then the status
 * (401/403 auth, 404 not found, 429 rate limit, 5xx transient), keeping Google's message and
 * Retry-After. It reads what googleapis (gaxios) throws, and refines the SDK HTTP client's errors
 * by the error body Google sent. Token failures are ConnectorErrors already and pass through.
 *
 * @example
 * export const sheetsErrors = googleErrorMapping({ vendor: 'Google Sheets', hints: { 404: 'Check the spreadsheet id.' } });
 * await sheetsErrors.call(ctx.actionKey, () => api.spreadsheets.get({ spreadsheetId }));
 */
export function googleErrorMapping(options: {
  vendor: string;
  /** Hints by status, in the API's own words (which ids to check, which role to grant). */
  hints?: Readonly<Record<number, string>>;
  /** More reasons of this API. */
  codes?: Readonly<Record<string, ConnectorErrorKind>>;
}): ErrorMapping {
  return errorMapping({
    vendor: options.vendor,
    read: googleApiFailure,
    refine(error) {
      const response = httpResponseOf(error);
      const failure = response ? googleApiFailure({ response }) : undefined;
      return failure ? { ...failure, cause: error } : undefined;
    },
    codes: { ...GOOGLE_REASON_KINDS, ...options.codes },
    hints: {
      codes: REASON_HINTS,
      statuses: {
        401: 'The access token was refused: reconnect the Google account, or check the service account key.',
        ...options.hints,
      },
    },
  });
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.entries(value).find(([name]) => name === key)?.[1] ?? Reflect.get(value, key);
}

const numberOf = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);
const stringOf = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A header from a fetch `Headers` (gaxios 7) or a plain object (gaxios 6). */
function headerOf(headers: unknown, name: string): string | undefined {
  // By shape, not `instanceof Headers`: a sandbox's fetch may bring its own Headers class.
  const get = field(headers, 'get');
  if (typeof get === 'function') return stringOf(Reflect.apply(get, headers, [name]));
  return stringOf(field(headers, name));
}
