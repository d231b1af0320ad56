import { type ActionContext, ConnectorError, serviceUrlOf } from '@mova/sdk';
import { Client, LogLevel } from '@notionhq/client';
import { NOTION_API_URL, NOTION_VERSION, type NotionConnection } from './connection.js';
import { notionErrors } from './errors.js';

type CallContext = Pick<ActionContext, 'actionKey' | 'signal'>;

/**
 * Runs `use` with a Notion client for this connection; failures leave as ConnectorErrors. The SDK's
 * own retries are off: the runtime's retry policy decides from the error kind (and Retry-After).
 * @example
 * const page = await withNotion(auth, ctx, (notion) => notion.pages.retrieve({ page_id: id }));
 */
export async function withNotion<T>(
  connection: NotionConnection,
  ctx: CallContext | undefined,
  use: (notion: Client) => Promise<T>,
): Promise<T> {
  const client = createClient(connection, ctx);
  return notionErrors.call(ctx?.actionKey, () => use(client));
}

function createClient(connection: NotionConnection, ctx: CallContext | undefined): Client {
  const signal = ctx?.signal;
  return new Client({
    auth: connection.token,
    baseUrl: apiRoot(connection.apiUrl, ctx?.actionKey),
    notionVersion: NOTION_VERSION,
    retry: false,
    timeoutMs: 60_000,
    logLevel: LogLevel.ERROR,
    logger: () => {},
    // Looked up per call, so the step's abort signal reaches every request.
    fetch: (url, init) => globalThis.fetch(url, { ...init, ...(signal ? { signal } : {}) }),
  });
}

/**
 * The connection's API root without a trailing slash, or the `/v1` a user may copy from a docs page.
 * @example apiRoot('https://notion-proxy.example.com/v1/') // 'https://notion-proxy.example.com'
 */
export function apiRoot(apiUrl: string | undefined, actionKey?: string): string {
  let url: string;
  try {
    url = serviceUrlOf(apiUrl, NOTION_API_URL);
  } catch (error) {
    throw new ConnectorError(
      `the Notion connection's apiUrl is not usable: ${error instanceof Error ? error.message : String(error)}`,
      { kind: 'invalid_input', actionKey },
      'Give an https URL (or http on localhost for a local proxy), e.g. https://api.notion.com.',
    );
  }
  return url.endsWith('/v1') ? url.slice(0, -3) : url;
}
