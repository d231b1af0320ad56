import type { AuthDefinition, AuthValue, OAuth2Value } from '../auth.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** One query parameter: `undefined` and `null` are left out, arrays repeat the key (`tag=a&tag=b`). */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type Query = Record<string, QueryValue>;

/** How the response body is decoded; `buffer` gives a Node `Buffer`. */
export type ResponseType = 'json' | 'text' | 'buffer';

/** A connector's auth definition and the connection value the action received for it. */
export interface HttpAuth<A extends AuthDefinition = AuthDefinition> {
  definition: A;
  value: AuthValue<A>;
  /**
   * Called with the whole token set after an OAuth2 refresh, so the host can store it: some
   * providers rotate refresh tokens and refuse the old one afterwards.
   */
  onTokenRefresh?: (value: OAuth2Value) => void | Promise<void>;
}

export interface RetryOptions {
  /** Tries in all, the first one included. Default 3; 1 turns retrying off. */
  attempts?: number;
  /** First backoff ceiling; it doubles per try and each wait is a random share of it (full jitter). Default 500. */
  baseDelayMs?: number;
  /**
   * Longest wait between tries, default 30 000. A `Retry-After` longer than this is not waited
   * out: the error carries `retryAfter` so the runtime can reschedule the step instead.
   */
  maxDelayMs?: number;
  /**
   * Also retry POST and PATCH after a 5xx, 408, timeout or dropped connection, when the server may
   * already have acted on them. Off by default; a request with an `Idempotency-Key` header is retried anyway.
   */
  nonIdempotent?: boolean;
}

/** At most `requests` requests start in any `perMs` window; shared by every call on one client. */
export interface ThrottleOptions {
  requests: number;
  perMs: number;
}

/**
 * What Node's `fetch` takes as its `dispatcher`: an undici `Agent` (a TLS option, a CA of its own),
 * `ProxyAgent` or `MockAgent`, from any copy of undici. Only its `dispatch` method is named here, so
 * the SDK never imports undici for it.
 */
export interface FetchDispatcher {
  dispatch(options: never, handler: never): boolean;
}

export interface HttpClientOptions<A extends AuthDefinition = AuthDefinition> {
  /** Prefix for relative paths, e.g. `https://api.acme.com/v1`. Without it every path must be an absolute URL. */
  baseUrl?: string;
  auth?: HttpAuth<A>;
  /** Sent with every request to the client's own origin (not across a redirect to another host). */
  headers?: Record<string, string>;
  /** Per try, covering the response body too. Default 30 000. */
  timeoutMs?: number;
  retry?: RetryOptions | false;
  throttle?: ThrottleOptions;
  /**
   * Where requests go: a MockAgent in tests, a ProxyAgent behind a proxy. Default: the one global
   * `fetch` uses (undici's `setGlobalDispatcher` sets it).
   */
  dispatcher?: FetchDispatcher;
  /** Cancels every request of this client, e.g. the action context's `ctx.signal`. */
  signal?: AbortSignal;
  /** Recorded on every ConnectorError this client throws. */
  actionKey?: string;
  userAgent?: string;
  /** Redirects followed per request, default 5; 0 returns the 3xx response as it is. */
  maxRedirects?: number;
}

export interface HttpRequestOptions {
  /** Default `GET`. */
  method?: HttpMethod;
  /** Relative to `baseUrl` (`/items/42`), or an absolute URL. */
  path: string;
  query?: Query;
  headers?: Record<string, string>;
  /** Sent as JSON. Give at most one of `json`, `form` and `text`, and none with GET or HEAD. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** Sent as `text/plain` unless a `content-type` header says otherwise. */
  text?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Default: JSON when the response's content-type says JSON, text otherwise. */
  responseType?: ResponseType;
}

/** Request options for the `get`/`post`/… shorthands. */
export type HttpShorthandOptions = Omit<HttpRequestOptions, 'method' | 'path'>;

export interface HttpResponse<T = unknown> {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  data: T;
  /** The URL that answered (after redirects), without credentials the auth put in the query. */
  url: string;
}

export interface CursorPagination<Item, Page = unknown> {
  type: 'cursor';
  /** Query parameter that carries the cursor, e.g. `starting_after` or `cursor`. */
  cursorParam: string;
  /** The cursor of the next page; `undefined`, `null` or `''` ends the listing. */
  nextCursor(response: HttpResponse<Page>): string | null | undefined;
  items(response: HttpResponse<Page>): Item[];
}

export interface PagePagination<Item, Page = unknown> {
  type: 'page';
  /** Query parameter that carries the page number. */
  pageParam: string;
  /** Number of the first page, default 1. */
  startAt?: number;
  /** Query parameter for the page size, sent with `size`. */
  sizeParam?: string;
  /** Page size; a page with fewer items is the last. */
  size?: number;
  items(response: HttpResponse<Page>): Item[];
}

/** Follows the RFC 8288 `Link` header's `rel="next"` URL, as GitHub's REST API pages. */
export interface LinkPagination<Item, Page = unknown> {
  type: 'link';
  items(response: HttpResponse<Page>): Item[];
}

export type PaginationStrategy<Item, Page = unknown> =
  | CursorPagination<Item, Page>
  | PagePagination<Item, Page>
  | LinkPagination<Item, Page>;

export interface PaginateOptions<Item, Page = unknown> {
  path: string;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  strategy: PaginationStrategy<Item, Page>;
  /** Stop after this many pages. Default: until the listing ends. */
  maxPages?: number;
}

export interface HttpClient {
  request<T = unknown>(options: HttpRequestOptions): Promise<HttpResponse<T>>;
  get<T = unknown>(path: string, options?: HttpShorthandOptions): Promise<HttpResponse<T>>;
  post<T = unknown>(path: string, options?: HttpShorthandOptions): Promise<HttpResponse<T>>;
  put<T = unknown>(path: string, options?: HttpShorthandOptions): Promise<HttpResponse<T>>;
  patch<T = unknown>(path: string, options?: HttpShorthandOptions): Promise<HttpResponse<T>>;
  delete<T = unknown>(path: string, options?: HttpShorthandOptions): Promise<HttpResponse<T>>;
  /** Every item of a paged listing, fetching pages as the loop asks for them. */
  paginate<Item, Page = unknown>(options: PaginateOptions<Item, Page>): AsyncIterable<Item>;
}
