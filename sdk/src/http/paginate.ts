import { ConnectorError } from '../errors.js';
import { nextLink } from './link-header.js';
import type { HttpRequestOptions, HttpResponse, PaginateOptions } from './types.js';

type Fetch = <T>(options: HttpRequestOptions) => Promise<HttpResponse<T>>;

/**
 * Walks a paged listing with one of three strategies and yields its items. Stops at `maxPages`,
 * at the strategy's own end, or when the API hands back a cursor or link it already gave (a loop).
 */
export async function* paginate<Item, Page>(
  fetch: Fetch,
  options: PaginateOptions<Item, Page>,
  actionKey?: string,
): AsyncGenerator<Item, void, undefined> {
  const { strategy, path, query } = options;
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  const common = {
    method: 'GET' as const,
    headers: options.headers,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  };
  if (strategy.type === 'page') {
    const first = strategy.startAt ?? 1;
    const size = strategy.sizeParam && strategy.size !== undefined ? { [strategy.sizeParam]: strategy.size } : {};
    for (let page = first; page - first < maxPages; page++) {
      const response = await fetch<Page>({ ...common, path, query: { ...query, ...size, [strategy.pageParam]: page } });
      const items = strategy.items(response);
      yield* items;
      if (items.length === 0 || (strategy.size !== undefined && items.length < strategy.size)) return;
    }
    return;
  }
  if (strategy.type === 'cursor') {
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const pageQuery = cursor === undefined ? query : { ...query, [strategy.cursorParam]: cursor };
      const response = await fetch<Page>({ ...common, path, query: pageQuery });
      yield* strategy.items(response);
      const next = strategy.nextCursor(response);
      if (!next || seen.has(next)) return;
      seen.add(next);
      cursor = next;
    }
    return;
  }
  const seen = new Set<string>();
  let request: HttpRequestOptions = { ...common, path, query };
  for (let page = 0; page < maxPages; page++) {
    const response = await fetch<Page>(request);
    yield* strategy.items(response);
    const next = nextLink(response.headers.link, response.url);
    if (!next || seen.has(next)) return;
    if (new URL(next).origin !== new URL(response.url).origin) throw foreignLink(response.url, next, actionKey);
    seen.add(next);
    request = { ...common, path: next };
  }
}

// The next link is the vendor's to choose, but the credentials must not follow it to another host.
function foreignLink(from: string, to: string, actionKey: string | undefined): ConnectorError {
  return new ConnectorError(
    `the next-page link of ${new URL(from).origin} points at another host (${new URL(to).origin}); not following it`,
    { kind: 'unknown', actionKey },
    'Page through that host with its own request if it is meant to be called.',
  );
}
