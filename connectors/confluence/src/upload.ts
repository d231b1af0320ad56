import { ConnectorError, parseRetryAfter } from '@mova/sdk';
import type { Confluence } from './client.js';
import { confluenceErrors, confluenceFailure } from './errors.js';

/**
 * Sends a multipart upload with `fetch`: the SDK's HTTP client sends text bodies only, and an
 * attachment is bytes. Failures are classified like the client's (status, Confluence's message,
 * Retry-After).
 */
export async function postMultipart(
  api: Confluence,
  path: string,
  form: FormData,
  method: 'POST' | 'PUT' = 'POST',
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${api.wikiUrl}${path}`, {
      method,
      body: form,
      // Confluence refuses multipart requests without this XSRF opt-out (REST v1 attachment docs).
      headers: { authorization: api.basic, 'x-atlassian-token': 'no-check', accept: 'application/json' },
      signal: api.signal,
    });
  } catch (error) {
    throw (
      confluenceErrors.from(error, api.actionKey) ??
      new ConnectorError(`cannot reach Confluence: ${(error as Error).message}`, {
        kind: 'transient',
        actionKey: api.actionKey,
        cause: error,
      })
    );
  }
  const text = await response.text();
  let data: unknown = text;
  try {
    data = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text for the message
  }
  if (!response.ok) {
    const { code, message } = confluenceFailure(data);
    throw confluenceErrors.fromFailure(
      {
        status: response.status,
        code,
        vendorMessage: message ?? (text.slice(0, 300) || undefined),
        retryAfter: parseRetryAfter(response.headers.get('retry-after') ?? undefined),
      },
      api.actionKey,
    );
  }
  return data;
}
