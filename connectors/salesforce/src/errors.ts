import { type ConnectorError, type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';

/**
 * Salesforce error codes (the `errorCode` of its `[{ message, errorCode, fields }]` error bodies) and
 * what the runtime should do about them. From "Status Codes and Error Responses" of the REST API
 * Developer Guide, the StatusCode list of the SOAP API guide and the "Errors" page of the Bulk API 2.0
 * guide; unlisted codes are `unknown`.
 */
const KINDS: Record<string, ConnectorErrorKind> = {
  INVALID_SESSION_ID: 'auth',
  INVALID_AUTH_HEADER: 'auth',
  INVALID_GRANT: 'auth',
  API_DISABLED_FOR_ORG: 'auth',
  API_CURRENTLY_DISABLED: 'auth',
  INSUFFICIENT_ACCESS: 'auth',
  INSUFFICIENT_ACCESS_OR_READONLY: 'auth',
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: 'auth',
  NOT_FOUND: 'not_found',
  ENTITY_IS_DELETED: 'not_found',
  MALFORMED_QUERY: 'invalid_input',
  MALFORMED_ID: 'invalid_input',
  INVALID_FIELD: 'invalid_input',
  INVALID_TYPE: 'invalid_input',
  INVALID_QUERY_FILTER_OPERATOR: 'invalid_input',
  INVALID_FIELD_FOR_INSERT_UPDATE: 'invalid_input',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'invalid_input',
  INVALID_EMAIL_ADDRESS: 'invalid_input',
  INVALID_ID_FIELD: 'invalid_input',
  INVALID_CROSS_REFERENCE_KEY: 'invalid_input',
  REQUIRED_FIELD_MISSING: 'invalid_input',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'invalid_input',
  FIELD_INTEGRITY_EXCEPTION: 'invalid_input',
  STRING_TOO_LONG: 'invalid_input',
  JSON_PARSER_ERROR: 'invalid_input',
  DUPLICATE_VALUE: 'conflict',
  DUPLICATES_DETECTED: 'conflict',
  DUPLICATE_EXTERNAL_ID: 'conflict',
  // HTTP 300: an upsert's external ID matched more than one record (jsforce's own code for it).
  MULTIPLE_CHOICES: 'conflict',
  REQUEST_LIMIT_EXCEEDED: 'rate_limit',
  UNABLE_TO_LOCK_ROW: 'transient',
  SERVER_UNAVAILABLE: 'transient',
  // Bulk API 2.0 spells its codes in CamelCase.
  InvalidSessionId: 'auth',
  InvalidUser: 'auth',
  FeatureNotEnabled: 'auth',
  InvalidJob: 'invalid_input',
  InvalidBatch: 'invalid_input',
  InvalidJobState: 'invalid_input',
  ClientInputError: 'invalid_input',
  ExceededQuota: 'rate_limit',
  Timeout: 'transient',
};

const HINT_BY_CODE: Record<string, string> = {
  INVALID_SESSION_ID:
    'The access token expired or was revoked: store a fresh one in the connection, or add refreshToken and clientId so it renews itself.',
  REQUEST_LIMIT_EXCEEDED:
    'The org used up its API request allowance (24-hour or concurrent); retry later or ask the admin about the limits.',
  MALFORMED_QUERY: 'Fix the SOQL; the message gives the position of the problem.',
  MULTIPLE_CHOICES: 'The external ID matches several records; make the field unique or update by record ID.',
};

/** What jsforce's errors leave out of an error answer, seen by the connector's transport. */
export interface ErrorAnswer {
  status: number;
  /** Seconds to wait, from the answer's Retry-After header. */
  retryAfter?: number;
}

/** The fields jsforce's HttpApiError carries: the vendor's code and message, and the parsed body. */
interface SalesforceApiError extends Error {
  errorCode: string;
  data?: unknown;
}

/**
 * Salesforce's failures as ConnectorErrors: API errors by their error code (looked up case- and
 * underscore-blind, so INVALID_SESSION_ID, InvalidSessionId and INVALIDSESSIONID agree), then the
 * HTTP status; jsforce's own errors by what they are.
 */
const salesforceErrors = errorMapping({
  vendor: 'Salesforce',
  codes: KINDS,
  normalizeCode: (code) => code.replaceAll('_', '').toUpperCase(),
  hints: { codes: HINT_BY_CODE },
  read(error) {
    if (!(error instanceof Error)) return undefined;
    if (error.name === 'FetchError') {
      return { kind: 'transient', message: `Could not reach Salesforce: ${error.message}`, cause: error };
    }
    if (error.message.startsWith('Unable to refresh session due to:')) {
      // jsforce wraps a refused refresh (invalid_grant, invalid_client…) in a plain Error, code and all.
      return {
        kind: 'auth',
        vendorMessage: error.message,
        message: `Salesforce refused to renew the access token: ${error.message.slice('Unable to refresh session due to:'.length).trim()}`,
        hint: 'The refresh token was revoked or expired, or the connected app’s clientId or clientSecret is wrong: connect the org again and store the new tokens.',
        cause: error,
      };
    }
    if (error.name === 'JobPollingTimeout') {
      // Not transient: the job keeps running in Salesforce, and a retry would load the records twice.
      return {
        kind: 'unknown',
        message: error.message,
        hint: 'The bulk job is still running in Salesforce: check it under Setup → Bulk Data Load Jobs before loading again, or allow more time.',
        cause: error,
      };
    }
    if (error.message.startsWith('Ingest job failed')) {
      // jsforce reports a job Salesforce marked Failed (e.g. "InvalidBatch : Field name not found") as a plain Error.
      return { kind: 'invalid_input', vendorMessage: error.message, message: error.message, cause: error };
    }
    return undefined;
  },
});

/**
 * Turns whatever jsforce threw into a ConnectorError the runtime can act on; `answer` is the HTTP
 * answer behind an API error (its status and Retry-After), when the transport saw one.
 */
export function toConnectorError(error: unknown, actionKey?: string, answer?: ErrorAnswer): ConnectorError {
  if (isApiError(error)) return salesforceErrors.fromFailure(apiFailure(error, answer), actionKey);
  return salesforceErrors.toConnectorError(error, actionKey);
}

function apiFailure(error: SalesforceApiError, answer: ErrorAnswer | undefined): VendorFailure {
  // Several errors arrive as one MULTIPLE_API_ERRORS whose data is the list; the first decides the kind.
  const details = error.errorCode === 'MULTIPLE_API_ERRORS' && Array.isArray(error.data) ? error.data : [error.data];
  const bodies = details.filter(isErrorBody);
  const code = bodies[0]?.errorCode ?? error.errorCode;
  const vendorMessage = bodies.length > 0 ? bodies.map(describe).join('; ') : error.message;
  return { ...codeFailure(code, vendorMessage, answer), cause: error };
}

/**
 * A save that Salesforce reported with `success: false`: jsforce resolves those rather than throwing.
 * @example
 * if (!result.success) throw failedSave(result.errors, ctx.actionKey);
 */
export function failedSave(errors: ErrorBody[], actionKey: string): ConnectorError {
  const failure = codeFailure(errors[0]?.errorCode ?? 'UNKNOWN', errors.map(describe).join('; ') || 'the save failed');
  return salesforceErrors.fromFailure(failure, actionKey);
}

function codeFailure(code: string, vendorMessage: string, answer?: ErrorAnswer): VendorFailure {
  // jsforce names bodies it could not parse ERROR_HTTP_<status>.
  const httpStatus = /^ERROR_HTTP_(\d{3})$/.exec(code)?.[1];
  return {
    code,
    status: httpStatus ? Number(httpStatus) : answer?.status,
    retryAfter: answer?.retryAfter,
    vendorMessage,
    message: `Salesforce refused the call: ${code}: ${vendorMessage}`,
  };
}

interface ErrorBody {
  errorCode: string;
  message: string;
  fields?: string[];
}

function describe(body: ErrorBody): string {
  return body.fields?.length ? `${body.message} (fields: ${body.fields.join(', ')})` : body.message;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { errorCode?: unknown }).errorCode === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

// jsforce does not export HttpApiError; it is recognised by the errorCode every instance carries.
function isApiError(error: unknown): error is SalesforceApiError {
  return error instanceof Error && typeof (error as { errorCode?: unknown }).errorCode === 'string';
}
