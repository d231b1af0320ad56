import { createHttpClient, type HttpClient } from '@mova/sdk';
import { type HttpConnection, httpAuthFor } from './connection.js';
import { invalidInput } from './errors.js';

/** An HTTP client that applies the connection's credentials, for one action run. */
export function clientFor(
  connection: HttpConnection,
  options: { signal?: AbortSignal; actionKey?: string; timeoutMs?: number },
): HttpClient {
  return createHttpClient({
    baseUrl: connection.baseUrl,
    auth: httpAuthFor(connection),
    signal: options.signal,
    actionKey: options.actionKey,
    timeoutMs: options.timeoutMs,
  });
}

/**
 * Checks where a request may go with this connection. A relative URL needs the connection's
 * `baseUrl`; an absolute one must lie under it whenever the connection carries credentials, so a
 * workflow cannot hand them to another host.
 */
export function checkTarget(connection: HttpConnection, url: string, actionKey: string): void {
  const absolute = /^https?:\/\//i.test(url);
  if (!absolute && !connection.baseUrl) {
    throw invalidInput(
      `"${url}" is a relative URL and the connection has no baseUrl`,
      'Give a full URL (https://…) or set baseUrl on the connection.',
      actionKey,
    );
  }
  if (absolute && connection.kind !== 'none' && connection.baseUrl && !isUnder(url, connection.baseUrl)) {
    throw invalidInput(
      `the connection's credentials belong to ${connection.baseUrl}, not to ${new URL(url).origin}`,
      'Use a URL under the connection’s baseUrl, or a connection made for that host.',
      actionKey,
    );
  }
}

function isUnder(url: string, base: string): boolean {
  const target = new URL(url);
  const root = new URL(base);
  const prefix = root.pathname.endsWith('/') ? root.pathname : `${root.pathname}/`;
  return target.origin === root.origin && (target.pathname === root.pathname || target.pathname.startsWith(prefix));
}
