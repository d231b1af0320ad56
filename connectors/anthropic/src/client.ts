import Anthropic from '@anthropic-ai/sdk';
import { type ActionContext, ConnectorError, serviceUrlOf } from '@mova/sdk';
import { ANTHROPIC_API_URL, type AnthropicConnection } from './connection.js';
import { anthropicErrors } from './errors.js';

type CallContext = Pick<ActionContext, 'actionKey' | 'signal'>;

/**
 * Runs `use` with an Anthropic client for this connection (the key in x-api-key); failures leave as
 * ConnectorErrors. The SDK sends the API version it was built for (anthropic-version); its retries are off, so the
 * runtime's retry policy decides from the error kind (Retry-After kept).
 * @example
 * const count = await withAnthropic(auth, ctx, (anthropic) => anthropic.messages.countTokens(params));
 */
export async function withAnthropic<T>(
  connection: AnthropicConnection,
  ctx: CallContext | undefined,
  use: (anthropic: Anthropic) => Promise<T>,
): Promise<T> {
  const client = createClient(connection, ctx);
  return anthropicErrors.call(ctx?.actionKey, () => use(client));
}

function createClient(connection: AnthropicConnection, ctx: CallContext | undefined): Anthropic {
  let baseURL: string;
  try {
    baseURL = serviceUrlOf(connection.apiUrl, ANTHROPIC_API_URL).replace(/\/v1$/, '');
  } catch (error) {
    throw new ConnectorError(
      `the Anthropic connection's apiUrl is not usable: ${error instanceof Error ? error.message : String(error)}`,
      { kind: 'invalid_input', actionKey: ctx?.actionKey },
      'Give an https URL (or http on localhost), e.g. https://api.anthropic.com.',
    );
  }
  const signal = ctx?.signal;
  return new Anthropic({
    // Given here, so the SDK reads no credential from the environment or a profile. It would send the
    // key as a bearer token; Anthropic's API reference (and the LLM gateways in front of it) name
    // x-api-key, so the key travels there and the bearer header is dropped.
    apiKey: connection.apiKey,
    defaultHeaders: { 'X-Api-Key': connection.apiKey, Authorization: null },
    baseURL,
    maxRetries: 0,
    timeout: 600_000,
    logLevel: 'off',
    // Looked up per call, so the step's abort signal reaches every request.
    fetch: (url, init) =>
      globalThis.fetch(url, {
        ...init,
        signal: signal && init?.signal ? AbortSignal.any([signal, init.signal]) : (init?.signal ?? signal),
      }),
  });
}
