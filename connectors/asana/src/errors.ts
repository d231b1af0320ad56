import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';

/**
 * The error `phrase`s and OAuth `error` codes Asana sends (developers.asana.com/docs/errors and
 * /docs/oauth); the status decides the rest (400 invalid_input, 402 premium-only, 403, 404, 429, 5xx).
 */
const KIND_BY_CODE: Record<string, ConnectorErrorKind> = {
  invalid_grant: 'auth',
  invalid_client: 'auth',
  invalid_request: 'invalid_input',
};

const STATUS_KINDS: Record<number, ConnectorErrorKind> = {
  // Payment Required: the workspace's plan lacks the feature (task search is premium-only).
  402: 'auth',
};

const HINTS_BY_STATUS: Record<number, string> = {
  402: 'This Asana feature (e.g. task search) needs a paid plan on the workspace.',
  403: 'The token’s user has no access to that workspace, project or task.',
};

/** What superagent rejects with for an HTTP error: the status and the response. */
interface SuperagentError {
  status: number;
  response?: { body?: unknown; headers?: Record<string, string> };
}

function isHttpError(error: unknown): error is Error & SuperagentError {
  return error instanceof Error && 'status' in error && typeof error.status === 'number';
}

/** `{ errors: [{ message, help, phrase }] }` for API errors, `{ error, error_description }` for OAuth. */
function readBody(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const { errors, error, error_description } = body as {
    errors?: { message?: string; phrase?: string }[];
    error?: string;
    error_description?: string;
  };
  const first = errors?.[0];
  if (first) return { message: first.message };
  return { code: error, message: error_description ?? error };
}

/** The Asana SDK's failures (superagent errors) as ConnectorErrors. */
export const asanaErrors = errorMapping({
  vendor: 'Asana',
  codes: KIND_BY_CODE,
  statuses: STATUS_KINDS,
  hints: { statuses: HINTS_BY_STATUS },
  read(error): VendorFailure | undefined {
    if (!isHttpError(error)) return undefined;
    const { code, message } = readBody(error.response?.body);
    return {
      status: error.status,
      code,
      vendorMessage: message,
      retryAfter: error.response?.headers?.['retry-after'],
      message: `Asana answered ${error.status}${message ? `: ${message}` : ''}`,
      cause: error,
    };
  },
});
