import { type ConnectorErrorKind, errorMapping, httpResponseOf, type VendorFailure } from '@mova/sdk';

/** Airtable asks clients to wait 30 seconds after a 429, and usually sends no Retry-After. */
const RATE_LIMIT_WAIT_S = 30;

/** Airtable's error `type`s (airtable.com/developers/web/api/errors). */
const KIND_BY_TYPE: Record<string, ConnectorErrorKind> = {
  AUTHENTICATION_REQUIRED: 'auth',
  INVALID_PERMISSIONS: 'auth',
  INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND: 'not_found',
  NOT_AUTHORIZED: 'auth',
  NOT_FOUND: 'not_found',
  MODEL_ID_NOT_FOUND: 'not_found',
  ROW_DOES_NOT_EXIST: 'not_found',
  TABLE_NOT_FOUND: 'not_found',
  VIEW_NAME_NOT_FOUND: 'not_found',
  INVALID_REQUEST_UNKNOWN: 'invalid_input',
  INVALID_REQUEST_MISSING_FIELDS: 'invalid_input',
  INVALID_RECORDS: 'invalid_input',
  INVALID_VALUE_FOR_COLUMN: 'invalid_input',
  UNKNOWN_FIELD_NAME: 'invalid_input',
  INVALID_FILTER_BY_FORMULA: 'invalid_input',
  INVALID_MULTIPLE_CHOICE_OPTIONS: 'invalid_input',
  CANNOT_UPDATE_COMPUTED_FIELD: 'invalid_input',
  INVALID_REQUEST_BODY: 'invalid_input',
  TOO_MANY_REQUESTS: 'rate_limit',
  PUBLIC_API_BILLING_LIMIT_EXCEEDED: 'rate_limit',
  SERVER_ERROR: 'transient',
  SERVICE_UNAVAILABLE: 'transient',
};

const HINT_BY_TYPE: Record<string, string> = {
  INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND:
    'Check the base and table IDs or names, and that the token has the base in its access list and the needed scopes (data.records:read/write).',
  UNKNOWN_FIELD_NAME:
    'Field names are case-sensitive and must match the table exactly (or set typecast for option values).',
  INVALID_MULTIPLE_CHOICE_OPTIONS: 'Set typecast: true to let Airtable create the missing select option.',
  PUBLIC_API_BILLING_LIMIT_EXCEEDED:
    'The workspace has used its monthly API calls; upgrade the plan or wait for the next month.',
};

/** `{ error: { type, message } }`, or `{ error: 'NOT_FOUND' }` for unknown routes. */
function readBody(data: unknown): { type?: string; message?: string } {
  if (typeof data !== 'object' || data === null || !('error' in data)) return {};
  const { error } = data;
  if (typeof error === 'string') return { type: error };
  if (typeof error !== 'object' || error === null) return {};
  const { type, message } = error as { type?: unknown; message?: unknown };
  return {
    type: typeof type === 'string' ? type : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

/** The HTTP helper's errors, refined by Airtable's error type. */
export const airtableErrors = errorMapping({
  vendor: 'Airtable',
  codes: KIND_BY_TYPE,
  hints: { codes: HINT_BY_TYPE },
  refine(error): VendorFailure | undefined {
    const response = httpResponseOf(error);
    if (!response) return undefined;
    const { type, message } = readBody(response.data);
    return {
      status: response.status,
      code: type,
      vendorMessage: message,
      retryAfter: error.retryAfter ?? (response.status === 429 ? RATE_LIMIT_WAIT_S : undefined),
      message: `Airtable answered ${response.status}${type ? ` ${type}` : ''}${message ? `: ${message}` : ''}`,
      cause: error,
    };
  },
});
