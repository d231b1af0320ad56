import Anthropic from '@anthropic-ai/sdk';
import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';

/**
 * Anthropic's error types (platform.claude.com/docs/en/api/errors): the type says more than the status
 * for an overloaded API (529) and a billing problem.
 */
const CODES: Record<string, ConnectorErrorKind> = {
  invalid_request_error: 'invalid_input',
  authentication_error: 'auth',
  billing_error: 'auth',
  permission_error: 'auth',
  not_found_error: 'not_found',
  request_too_large: 'invalid_input',
  rate_limit_error: 'rate_limit',
  overloaded_error: 'rate_limit',
  timeout_error: 'transient',
  api_error: 'transient',
  APIConnectionError: 'transient',
  APIConnectionTimeoutError: 'transient',
};

const HINTS: Record<string, string> = {
  authentication_error: 'The API key is not valid: create one at console.anthropic.com → API keys.',
  billing_error:
    'The organization’s credit balance or spend limit is exhausted: check Billing in the Anthropic Console.',
  permission_error: 'The key’s workspace may not use this model or feature.',
  not_found_error: 'Check the model name (e.g. claude-sonnet-4-5) and ids.',
  rate_limit_error:
    'The organization is over its requests or tokens per minute; the step is retried after Retry-After.',
  overloaded_error: 'Anthropic’s API is overloaded; the step is retried later.',
  request_too_large: 'The request is over 32 MB; send less content.',
};

function read(error: unknown): VendorFailure | undefined {
  if (error instanceof Anthropic.APIConnectionError) {
    return { code: error.constructor.name, vendorMessage: error.message, cause: error };
  }
  if (!(error instanceof Anthropic.APIError) || error.status === undefined) return undefined;
  return {
    status: error.status,
    code: error.type ?? undefined,
    vendorMessage: error.apiMessage ?? error.message,
    retryAfter: error.headers?.get('retry-after'),
    cause: error,
  };
}

/** Anthropic SDK failures as ConnectorErrors: by the error's type first, then the HTTP status. */
export const anthropicErrors = errorMapping({ vendor: 'Anthropic', read, codes: CODES, hints: { codes: HINTS } });
