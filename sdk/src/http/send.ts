import type { FetchDispatcher, HttpMethod } from './types.js';

export interface OutgoingRequest {
  method: HttpMethod;
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
}

/** A response read in full, so the per-try timeout covers the body as well as the headers. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Sends one request with Node's global `fetch` and reads the body. Redirects come back as they are
 * (`redirect: 'manual'`): the client follows them itself, so credentials stay with their origin.
 * A dispatcher goes to fetch as its `dispatcher`, so no copy of undici is bundled for it.
 */
export async function send(
  request: OutgoingRequest,
  signal: AbortSignal,
  dispatcher?: FetchDispatcher,
): Promise<RawResponse> {
  const init: RequestInit = {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal,
  };
  try {
    // Node's fetch takes `dispatcher` beside the standard fields; its type names Node's own undici,
    // while any copy's Agent or MockAgent works.
    const response = await fetch(request.url, dispatcher ? ({ ...init, dispatcher } as RequestInit) : init);
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: flattenHeaders(response.headers), body };
  } catch (error) {
    throw socketError(error);
  }
}

/**
 * fetch wraps every network failure in `TypeError('fetch failed')`; its cause is the socket's own
 * error (`ECONNREFUSED`, `ECONNRESET`, the sandbox's `E_NETWORK_DENIED`), which says what happened.
 */
function socketError(error: unknown): unknown {
  return error instanceof TypeError && error.cause instanceof Error ? error.cause : error;
}

/** Lower-case names; repeated headers (`set-cookie` too) joined with `, `. */
function flattenHeaders(headers: Headers): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of headers) {
    const before = flat[name];
    flat[name] = before === undefined ? value : `${before}, ${value}`;
  }
  return flat;
}
