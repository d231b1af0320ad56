import { type ActionContext, ConnectorError, serviceUrlOf } from '@mova/sdk';
import OpenAI from 'openai';
import { OPENAI_API_URL, type OpenAIConnection } from './connection.js';
import { openAIErrors } from './errors.js';

type CallContext = Pick<ActionContext, 'actionKey' | 'signal'>;

/**
 * Runs `use` with an OpenAI client for this connection; failures leave as ConnectorErrors. The SDK's
 * retries are off: the runtime's retry policy decides from the error kind (Retry-After kept).
 * @example
 * const models = await withOpenAI(auth, ctx, (openai) => openai.models.list());
 */
export async function withOpenAI<T>(
  connection: OpenAIConnection,
  ctx: CallContext | undefined,
  use: (openai: OpenAI) => Promise<T>,
): Promise<T> {
  const client = createClient(connection, ctx);
  return openAIErrors.call(ctx?.actionKey, () => use(client));
}

function createClient(connection: OpenAIConnection, ctx: CallContext | undefined): OpenAI {
  let baseURL: string;
  try {
    baseURL = serviceUrlOf(connection.apiUrl, OPENAI_API_URL);
  } catch (error) {
    throw new ConnectorError(
      `the OpenAI connection's apiUrl is not usable: ${error instanceof Error ? error.message : String(error)}`,
      { kind: 'invalid_input', actionKey: ctx?.actionKey },
      'Give an https URL (or http on localhost), e.g. https://api.openai.com/v1.',
    );
  }
  const signal = ctx?.signal;
  return new OpenAI({
    apiKey: connection.apiKey,
    organization: connection.organization ?? null,
    project: connection.project ?? null,
    baseURL,
    maxRetries: 0,
    // Generation can take minutes (long answers, images); the step's own timeout still applies.
    timeout: 300_000,
    logLevel: 'off',
    // Looked up per call, so the step's abort signal reaches every request.
    fetch: (url, init) =>
      globalThis.fetch(url, {
        ...init,
        signal: signal && init?.signal ? AbortSignal.any([signal, init.signal]) : (init?.signal ?? signal),
      }),
  });
}
