import type { RawResponse } from './send.js';
import type { HttpMethod } from './types.js';

/** One leg of a request: what is sent before the client's headers and the auth are added. */
export interface Hop {
  method: HttpMethod;
  url: URL;
  /** The request's own headers (lower-case), content-type included. */
  headers: Record<string, string>;
  body?: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Where a 3xx sends the request next (RFC 9110 §15.4), or `undefined` when it is not a redirect
 * to follow. 303, and 301/302 after a POST, turn into a GET without a body, as browsers do.
 */
export function redirectTarget(hop: Hop, response: RawResponse): Hop | undefined {
  const location = response.headers.location;
  if (!REDIRECT_STATUSES.has(response.status) || !location) return undefined;
  const url = new URL(location, hop.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const toGet =
    (response.status === 303 && hop.method !== 'HEAD') ||
    ((response.status === 301 || response.status === 302) && hop.method === 'POST');
  if (!toGet) return { ...hop, url };
  return { method: 'GET', url, headers: omit(hop.headers, CONTENT_HEADERS) };
}

const CONTENT_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language'];
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** Headers safe to carry to another origin: no credentials (the client's own headers are not sent there). */
export function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return omit(headers, CREDENTIAL_HEADERS);
}

function omit(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));
}
