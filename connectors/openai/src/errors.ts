import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';
import OpenAI from 'openai';

/**
 * OpenAI's error codes (platform.openai.com/docs/guides/error-codes) where the status alone misleads:
 * a 429 for an exhausted quota will not pass by retrying, a 400 for a context overflow is the input's.
 */
const CODES: Record<string, ConnectorErrorKind> = {
  insufficient_quota: 'auth',
  invalid_api_key: 'auth',
  rate_limit_exceeded: 'rate_limit',
  model_not_found: 'not_found',
  context_length_exceeded: 'invalid_input',
  content_policy_violation: 'invalid_input',
  moderation_blocked: 'invalid_input',
  APIConnectionError: 'transient',
  APIConnectionTimeoutError: 'transient',
};

const HINTS: Record<string, string> = {
  insufficient_quota:
    'The organization or project is out of credit or over its monthly budget: check Billing and the project’s limits.',
  invalid_api_key: 'The API key is not valid: create a new one at platform.openai.com → API keys.',
  model_not_found: 'Check the model name, and that the project may use the model.',
  context_length_exceeded:
    'The messages and the answer together exceed the model’s context window: shorten them or lower maxTokens.',
  content_policy_violation: 'The prompt was refused by OpenAI’s safety system; rephrase it.',
  rate_limit_exceeded: 'The project is over its requests or tokens per minute; the step is retried after Retry-After.',
};

function read(error: unknown): VendorFailure | undefined {
  if (error instanceof OpenAI.APIConnectionError) {
    return { code: error.constructor.name, vendorMessage: error.message, cause: error };
  }
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) return undefined;
  return {
    status: error.status,
    code: error.code ?? error.type,
    vendorMessage: messageOf(error),
    retryAfter: error.headers?.get('retry-after') ?? retryAfterMs(error.headers),
    cause: error,
  };
}

/** The vendor's words without the SDK's "429 " prefix (the mapping adds the status itself). */
function messageOf(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error;
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string')
    return body.message;
  return error.message;
}

/** OpenAI also sends `retry-after-ms`; a whole second at least. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  return Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : undefined;
}

/** OpenAI SDK failures as ConnectorErrors: by OpenAI's code first, then the HTTP status. */
export const openAIErrors = errorMapping({ vendor: 'OpenAI', read, codes: CODES, hints: { codes: HINTS } });
