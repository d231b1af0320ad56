import {
  type ConnectorError,
  type ConnectorErrorKind,
  errorMapping,
  httpResponseOf,
  type VendorFailure,
} from '@mova/sdk';

/**
 * PagerDuty's REST error codes (https://developer.pagerduty.com/docs/errors), sharper than the
 * status they come with.
 */
const CODES: Record<string, ConnectorErrorKind> = {
  '2000': 'transient', // Internal Error
  '2001': 'invalid_input', // Invalid Input Provided
  '2002': 'invalid_input', // Arguments Caused Error
  '2003': 'invalid_input', // Missing Arguments
  '2004': 'invalid_input', // Invalid 'since' or 'until' Parameter Values
  '2005': 'invalid_input', // Invalid Query Date Range
  '2006': 'auth', // Authentication Failed
  '2007': 'auth', // Account Not Found
  '2008': 'auth', // Account Locked
  '2009': 'invalid_input', // Only HTTPS Allowed For This Call
  '2010': 'auth', // Access Denied
  '2011': 'invalid_input', // The action requires a requester (the From header)
  '2012': 'auth', // Your account is expired and cannot use the API
  '2013': 'invalid_input', // User not found (the From header names no user)
  '2016': 'transient', // The request took too long to process
  '2100': 'not_found', // Not Found
};

const HINTS: Record<string, string> = {
  '2011': 'Set from in the connection to the email of a PagerDuty user: an account API key must name who acts.',
  '2013': 'The from email in the connection is not a user of this PagerDuty account.',
  '2006': 'Check the apiToken (and tokenType: apiKey or oauth) in the PagerDuty connection.',
  '2100': 'Check the ID (incidents look like PT4KHLK) and that the token can see it.',
};

/** PagerDuty's REST body `{ error: { message, code, errors: [] } }`, or the Events API's `{ status, message, errors }`. */
export function refine(error: ConnectorError): VendorFailure | undefined {
  const response = httpResponseOf(error);
  if (!response) return undefined;
  const body = fields(response.data);
  const inner = fields(body.error);
  const message =
    typeof inner.message === 'string' ? inner.message : typeof body.message === 'string' ? body.message : undefined;
  const details = [inner.errors, body.errors].flatMap((list) => (Array.isArray(list) ? list.map(String) : []));
  const words = [message, ...details].filter(Boolean).join(': ');
  return {
    status: response.status,
    code: typeof inner.code === 'number' || typeof inner.code === 'string' ? String(inner.code) : undefined,
    vendorMessage: words || error.vendorMessage,
    // REST answers 429 with RateLimit-Reset (seconds until the window resets) rather than Retry-After.
    retryAfter: response.headers['retry-after'] ?? response.headers['ratelimit-reset'],
    cause: error,
  };
}

function fields(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

export const pagerdutyErrors = errorMapping({
  vendor: 'PagerDuty',
  refine,
  codes: CODES,
  hints: {
    codes: HINTS,
    statuses: {
      401: 'Check the apiToken (and tokenType) in the PagerDuty connection.',
      403: 'The token may not do this: a read-only key, or a user whose role does not allow it.',
    },
  },
});
