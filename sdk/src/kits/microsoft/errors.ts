import { type ErrorMapping, errorMapping, type VendorFailure } from '../../error-mapping.js';
import type { ConnectorErrorKind } from '../../errors.js';

/**
 * Graph's error codes (learn.microsoft.com/graph/errors, and the workloads' own: Outlook's Error*,
 * directory's Request_*) whose meaning is finer than, or differs from, their status.
 */
export const GRAPH_CODE_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  itemNotFound: 'not_found',
  ResourceNotFound: 'not_found',
  NotFound: 'not_found',
  ErrorItemNotFound: 'not_found',
  ErrorFolderNotFound: 'not_found',
  Request_ResourceNotFound: 'not_found',
  InvalidAuthenticationToken: 'auth',
  Unauthorized: 'auth',
  Forbidden: 'auth',
  accessDenied: 'auth',
  Authorization_RequestDenied: 'auth',
  ErrorAccessDenied: 'auth',
  AuthenticationError: 'auth',
  CredentialUnavailableError: 'auth',
  AuthenticationRequiredError: 'auth',
  TooManyRequests: 'rate_limit',
  activityLimitReached: 'rate_limit',
  ApplicationThrottled: 'rate_limit',
  ErrorTooManyObjectsOpened: 'rate_limit',
  BadRequest: 'invalid_input',
  invalidRequest: 'invalid_input',
  InvalidRequest: 'invalid_input',
  ErrorInvalidIdMalformed: 'invalid_input',
  ErrorInvalidRequest: 'invalid_input',
  ErrorInvalidRecipients: 'invalid_input',
  ErrorInvalidProperty: 'invalid_input',
  MailboxNotEnabledForRESTAPI: 'invalid_input',
  Request_BadRequest: 'invalid_input',
  nameAlreadyExists: 'conflict',
  conflict: 'conflict',
  ErrorIrresolvableConflict: 'conflict',
  serviceNotAvailable: 'transient',
  generalException: 'transient',
  ServiceUnavailable: 'transient',
  ErrorInternalServerError: 'transient',
  ErrorServerBusy: 'transient',
  ErrorTimeoutExpired: 'transient',
};

const CODE_HINTS: Readonly<Record<string, string>> = {
  InvalidAuthenticationToken:
    'Reconnect the Microsoft account: the access token expired, was revoked, or is for another cloud.',
  MailboxNotEnabledForRESTAPI: 'The user has no Exchange Online mailbox (or it is on-premises): Graph cannot reach it.',
  AuthenticationError:
    'Microsoft Entra ID refused the app’s credentials: check tenantId, clientId and the client secret (and that it has not expired).',
};

const STATUS_HINTS: Readonly<Record<number, string>> = {
  403: 'The app lacks the Graph permission this action needs: add it to the app registration and have an admin grant consent.',
};

/** @azure/identity's errors for credentials it could not turn into a token. */
const IDENTITY_ERRORS = new Set(['AuthenticationError', 'CredentialUnavailableError', 'AuthenticationRequiredError']);

/**
 * One Graph failure, read by shape (no dependency on the Graph SDK or @azure/identity): the Graph
 * SDK's `GraphError` (statusCode, code, message, headers), @azure/identity's `AuthenticationError`
 * (statusCode, errorResponse), `AuthenticationRequiredError` and `CredentialUnavailableError`; `undefined` for anything else.
 */
export function graphFailure(error: unknown): VendorFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const fields: Record<string, unknown> = { ...error };
  const status = typeof fields.statusCode === 'number' ? fields.statusCode : undefined;
  if (IDENTITY_ERRORS.has(error.name)) {
    const response = fields.errorResponse as { error?: string; errorDescription?: string } | undefined;
    const words =
      response?.errorDescription?.split('\n')[0]?.trim() ||
      /(AADSTS\d+:.*?)(?: - Correlation ID|$)/.exec(error.message)?.[1] ||
      error.message.split('\n')[0];
    const code = response?.error ?? /^(\w+):/.exec(error.message)?.[1];
    return {
      status,
      code: error.name,
      vendorMessage: words,
      message: `Microsoft Entra ID refused the app’s credentials${code ? ` (${code})` : ''}: ${words}`,
      cause: error,
    };
  }
  if (status === undefined || !('requestId' in fields)) return undefined;
  const headers = fields.headers;
  const retryAfter =
    typeof headers === 'object' && headers !== null && 'get' in headers && typeof headers.get === 'function'
      ? (headers.get('retry-after') as string | null)
      : undefined;
  // A failed fetch (no answer at all) comes back as status -1.
  if (status < 0)
    return {
      kind: 'transient',
      vendorMessage: error.message,
      message: `cannot reach Microsoft Graph: ${error.message}`,
      cause: error,
    };
  return {
    status,
    code: typeof fields.code === 'string' ? fields.code : undefined,
    vendorMessage: error.message,
    retryAfter,
    cause: error,
  };
}

/**
 * Graph failures as ConnectorErrors, for a connector on the Graph SDK: codes first, then status,
 * `Retry-After` kept on 429 and 503.
 * @example
 * export const teamsErrors = graphErrorMapping('Microsoft Teams');
 * const sent = await teamsErrors.call(ctx.actionKey, () => client.api(`/teams/${id}/channels/${channel}/messages`).post(body));
 */
export function graphErrorMapping(vendor: string): ErrorMapping {
  return errorMapping({
    vendor,
    read: graphFailure,
    codes: GRAPH_CODE_KINDS,
    hints: { codes: CODE_HINTS, statuses: STATUS_HINTS },
  });
}
