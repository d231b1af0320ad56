import { type ConnectorError, errorMapping, httpResponseOf, type VendorFailure } from '@mova/sdk';

/**
 * ServiceNow's words from an error body: `{ error: { message, detail }, status: "failure" }`
 * (Table and Attachment APIs alike).
 */
export function serviceNowMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = body.error;
  if (typeof error !== 'object' || error === null) return typeof error === 'string' ? error : undefined;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : undefined;
  const detail = 'detail' in error && typeof error.detail === 'string' && error.detail ? error.detail : undefined;
  return [message, detail].filter(Boolean).join(': ') || undefined;
}

function refine(error: ConnectorError): VendorFailure | undefined {
  const response = httpResponseOf(error);
  const words = response ? serviceNowMessage(response.data) : undefined;
  if (!response || !words) return undefined;
  // A data policy or business rule refusing the values answers 403, but the input is what is wrong.
  const refusedValues = /Data Policy Exception|mandatory/i.test(words);
  return {
    status: response.status,
    vendorMessage: words,
    retryAfter: error.retryAfter,
    cause: error,
    ...(refusedValues
      ? { kind: 'invalid_input' as const, hint: 'Give the fields the message names as mandatory.' }
      : {}),
  };
}

export const serviceNowErrors = errorMapping({
  vendor: 'ServiceNow',
  refine,
  hints: {
    statuses: {
      401: 'Check the username and password, or the OAuth token, of the connection.',
      403: 'The user lacks the role or ACL this needs on the table (e.g. itil for incidents, rest_service for REST).',
      404: 'Check the table name and sys_id; ServiceNow also answers 404 for records an ACL hides.',
      429: 'The instance’s REST rate limit was reached; the step is retried after the time it asked for.',
    },
  },
});
