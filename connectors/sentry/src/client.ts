import { type ActionContext, createHttpClient, type HttpClient, parseLinkHeader, serviceUrlOf } from '@mova/sdk';
import { SENTRY_URL, type SentryConnection } from './connection.js';
import { sentryErrors } from './errors.js';

type CallContext = Pick<ActionContext, 'signal' | 'actionKey'> | undefined;

/** The organization's API root: `<url>/api/0/organizations/<slug>`. */
export function organizationRoot(connection: SentryConnection): string {
  return `${serviceUrlOf(connection.url, SENTRY_URL)}/api/0/organizations/${encodeURIComponent(connection.organization)}`;
}

/**
 * Runs `call` with an HTTP client rooted at the connection's organization (`/api/0/organizations/<slug>`),
 * the auth token as Bearer; failures leave as ConnectorErrors.
 * @example
 * const { data } = await withSentry(auth, ctx, (http) => http.get('/issues/', { query: { query: 'is:unresolved' } }));
 */
export async function withSentry<T>(
  connection: SentryConnection,
  ctx: CallContext,
  call: (http: HttpClient) => Promise<T>,
): Promise<T> {
  return sentryErrors.call(ctx?.actionKey, async () => {
    const http = createHttpClient({
      baseUrl: organizationRoot(connection),
      headers: { authorization: `Bearer ${connection.token}` },
      signal: ctx?.signal,
      actionKey: ctx?.actionKey,
    });
    return call(http);
  });
}

/**
 * The cursor of the next page from Sentry's Link header, or null on the last page. Sentry always
 * sends a `rel="next"` link; `results="false"` on it says that page is empty.
 * @example
 * nextCursor('<https://sentry.io/api/0/organizations/acme/issues/?cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"') // '0:100:0'
 */
export function nextCursor(header: string | undefined): string | null {
  for (const part of (header ?? '').split(/,(?=\s*<)/)) {
    const [link] = parseLinkHeader(part);
    if (!link?.rel.includes('next')) continue;
    if (!/;\s*results\s*=\s*"?true"?/i.test(part)) return null;
    const attribute = /;\s*cursor\s*=\s*"([^"]+)"/i.exec(part)?.[1];
    return attribute ?? new URL(link.url, 'https://sentry.invalid').searchParams.get('cursor');
  }
  return null;
}
