import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';

/**
 * HubSpot's error `category` values (developers.hubspot.com/docs/api/error-handling); checked before the
 * status, since HubSpot answers an expired token and a missing scope alike with 401/403.
 */
const KIND_BY_CATEGORY: Record<string, ConnectorErrorKind> = {
  VALIDATION_ERROR: 'invalid_input',
  PROPERTY_DOESNT_EXIST: 'invalid_input',
  INVALID_EMAIL: 'invalid_input',
  OBJECT_NOT_FOUND: 'not_found',
  RESOURCE_NOT_FOUND: 'not_found',
  CONFLICT: 'conflict',
  OBJECT_ALREADY_EXISTS: 'conflict',
  RATE_LIMITS: 'rate_limit',
  INVALID_AUTHENTICATION: 'auth',
  EXPIRED_AUTHENTICATION: 'auth',
  MISSING_SCOPES: 'auth',
  INVALID_GRANT: 'auth',
  BAD_REFRESH_TOKEN: 'auth',
};

const HINT_BY_CATEGORY: Record<string, string> = {
  MISSING_SCOPES:
    'Give the private app (or the public app’s install) the scope the call needs, e.g. crm.objects.contacts.write, then update the token.',
  EXPIRED_AUTHENTICATION:
    'The OAuth access token expired: add the refresh token, client ID and secret to the connection.',
  INVALID_AUTHENTICATION: 'HubSpot did not accept the token: copy a fresh private app token into the connection.',
  PROPERTY_DOESNT_EXIST: 'Use the property’s internal name (Settings → Properties → the property → Internal name).',
};

/** The SDK's `ApiException` (one class per generated API module, so read by shape, not instanceof). */
interface ApiExceptionShape {
  code: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function isApiException(error: unknown): error is ApiExceptionShape {
  return error instanceof Error && 'code' in error && typeof error.code === 'number' && 'headers' in error;
}

/** HubSpot's error body: `{ status: 'error', message, category, correlationId, errors? }`. */
function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null || !(name in body)) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** The HubSpot SDK's failures as ConnectorErrors, by HubSpot's error category where it gives one. */
export const hubspotErrors = errorMapping({
  vendor: 'HubSpot',
  codes: KIND_BY_CATEGORY,
  hints: { codes: HINT_BY_CATEGORY },
  read(error): VendorFailure | undefined {
    if (!isApiException(error)) return undefined;
    const body = typeof error.body === 'string' ? safeJson(error.body) : error.body;
    const category = field(body, 'category') ?? field(body, 'status');
    const message = field(body, 'message');
    return {
      status: error.code,
      code: category,
      vendorMessage: message,
      retryAfter: error.headers?.['retry-after'],
      message: `HubSpot answered ${error.code}${category ? ` ${category}` : ''}${message ? `: ${message}` : ''}`,
      cause: error,
    };
  },
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
