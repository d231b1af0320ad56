import type { Query } from './types.js';

const ABSOLUTE = /^https?:\/\//i;

/**
 * Joins `baseUrl` and `path` as text, so `/items` under `https://x/v1` is `https://x/v1/items`
 * (URL resolution would drop the `/v1`), then appends the query.
 * @example
 * buildUrl('https://api.acme.com/v1', '/items', { page: 2 }).href // 'https://api.acme.com/v1/items?page=2'
 */
export function buildUrl(baseUrl: string | undefined, path: string, query?: Query): URL {
  let url: URL;
  if (ABSOLUTE.test(path)) {
    url = new URL(path);
  } else if (baseUrl) {
    url = new URL(`${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  } else {
    throw new TypeError(`"${path}" is not an absolute http(s) URL and the client has no baseUrl`);
  }
  appendQuery(url, query);
  return url;
}

function appendQuery(url: URL, query: Query | undefined): void {
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) url.searchParams.append(name, String(item));
    } else {
      url.searchParams.append(name, String(value));
    }
  }
}

/** The URL as error messages show it: no query, which may carry keys or personal data. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
