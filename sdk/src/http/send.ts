import type { Dispatcher } from 'undici';
import type { HttpMethod } from './types.js';

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
 * Sends one request through the dispatcher. Calls the dispatcher's own `request` so a MockAgent or
 * agent from another copy of undici (the connector's, the test's) works.
 */
export async function send(
  dispatcher: Dispatcher,
  request: OutgoingRequest,
  signal: AbortSignal,
): Promise<RawResponse> {
  const response = await dispatcher.request({
    origin: request.url.origin,
    path: `${request.url.pathname}${request.url.search}`,
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal,
  });
  const body = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: flattenHeaders(response.headers), body };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
