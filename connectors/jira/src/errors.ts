import { errorMapping, type VendorFailure } from '@mova/sdk';
import { HttpException } from 'jira.js';

/**
 * Jira answers failures with `{ errorMessages: string[], errors: { field: message } }` (REST API
 * v2 and v3 alike); both parts are joined into the vendor message so a field error names its field.
 */
export function jiraMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const parts: string[] = [];
  if ('errorMessages' in body && Array.isArray(body.errorMessages)) {
    parts.push(...body.errorMessages.filter((m): m is string => typeof m === 'string'));
  }
  if ('errors' in body && typeof body.errors === 'object' && body.errors !== null) {
    for (const [field, message] of Object.entries(body.errors)) parts.push(`${field}: ${String(message)}`);
  }
  if (parts.length === 0 && 'message' in body && typeof body.message === 'string') parts.push(body.message);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function headerOf(cause: unknown, name: string): string | undefined {
  if (typeof cause !== 'object' || cause === null || !('response' in cause)) return undefined;
  const response = cause.response;
  if (typeof response !== 'object' || response === null || !('headers' in response)) return undefined;
  const headers = response.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value: unknown = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return typeof value === 'string' ? value : undefined;
}

/**
 * What jira.js threw, read as a failure: its HttpException keeps the status, body and axios error;
 * its raw `sendRequestFullResponse` lets axios's own error through.
 */
function read(error: unknown): VendorFailure | undefined {
  const axios = axiosResponse(error);
  if (axios) {
    return {
      status: axios.status,
      vendorMessage: jiraMessage(axios.data) ?? (error instanceof Error ? error.message : undefined),
      retryAfter: headerOf(error, 'retry-after'),
      cause: error,
    };
  }
  if (!(error instanceof HttpException)) return undefined;
  const response = typeof error.response === 'object' ? error.response : undefined;
  const data: unknown = response?.data;
  // A socket failure comes wrapped without a response; its errno code is on the axios cause.
  if (response?.status === undefined && data === undefined) {
    const code = errnoOf(error.cause);
    if (code) return { code, vendorMessage: error.message, cause: error };
  }
  return {
    status: error.status,
    vendorMessage: jiraMessage(data) ?? error.message,
    retryAfter: headerOf(error.cause, 'retry-after'),
    cause: error,
  };
}

function axiosResponse(error: unknown): { status: number; data: unknown } | undefined {
  if (typeof error !== 'object' || error === null || !('isAxiosError' in error) || error.isAxiosError !== true) {
    return undefined;
  }
  const response = 'response' in error ? error.response : undefined;
  if (typeof response !== 'object' || response === null || !('status' in response)) return undefined;
  return typeof response.status === 'number'
    ? { status: response.status, data: 'data' in response ? response.data : undefined }
    : undefined;
}

function errnoOf(cause: unknown): string | undefined {
  return typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
    ? cause.code
    : undefined;
}

export const jiraErrors = errorMapping({
  vendor: 'Jira',
  read,
  hints: {
    statuses: {
      401: 'Check the email and API token (Cloud) or the personal access token (Data Center), and the deployment setting.',
      403: 'The account lacks the Jira permission this needs (Browse projects, Create issues, Edit issues, Transition issues, Assign issues or Add comments).',
      404: 'Check the issue key or project key, and that the account can browse that project (Jira answers 404 for issues it hides).',
      429: 'Jira is rate limiting this account; the step is retried after the time Jira asked for.',
    },
  },
});
