import type { AuthDefinition } from '../auth.js';
import { ConnectorError } from '../errors.js';
import { parseRetryAfter } from '../retry-after.js';
import { SDK_VERSION } from '../version.js';
import { type Authorizer, createAuthorizer } from './authorizer.js';
import { assertBodyAllowed, decodeBody, effectiveResponseType, encodeBody } from './body.js';
import { type FailureContext, invalidBodyError, neverReachedServer, statusError } from './failures.js';
import { paginate } from './paginate.js';
import { type Hop, redirectTarget, withoutCredentials } from './redirect.js';
import { backoffMs, isIdempotent, isRetryableStatus, retryPolicy } from './retry.js';
import { type HttpRuntime, systemRuntime } from './runtime.js';
import type { OutgoingRequest, RawResponse } from './send.js';
import { linkSignals } from './signals.js';
import { createThrottle } from './throttle.js';
import { transmit } from './transmit.js';
import type { HttpClient, HttpClientOptions, HttpMethod, HttpRequestOptions, HttpResponse } from './types.js';
import { buildUrl } from './url.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_REDIRECTS = 5;

/**
 * An HTTP client for one vendor API and one connection: JSON by default, the connection's
 * credentials on every request, a timeout per try, retries with backoff on network failures,
 * 408, 429 (honouring `Retry-After`) and 5xx, and every failure as a `ConnectorError` that
 * carries the status and the vendor's own message.
 * @example
 * const http = createHttpClient({
 *   baseUrl: 'https://api.acme.com/v1',
 *   auth: { definition: auth, value: connection },
 *   signal: ctx.signal,
 *   actionKey: ctx.actionKey,
 * });
 * const { data } = await http.post<{ id: string }>('/items', { json: { name: 'Widget' } });
 * for await (const item of http.paginate<Item, ItemPage>({
 *   path: '/items',
 *   strategy: { type: 'cursor', cursorParam: 'cursor', nextCursor: (r) => r.data.next, items: (r) => r.data.items },
 * })) console.log(item.id);
 */
export function createHttpClient<A extends AuthDefinition = AuthDefinition>(
  options: HttpClientOptions<A> = {},
): HttpClient {
  return createClientWith(options, systemRuntime);
}

/** `createHttpClient` on a given clock and random source, so tests need no real waits. */
export function createClientWith<A extends AuthDefinition>(
  options: HttpClientOptions<A>,
  runtime: HttpRuntime,
): HttpClient {
  const policy = retryPolicy(options.retry);
  const clientTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const throttle = options.throttle ? createThrottle(options.throttle, runtime) : undefined;
  const clientSignal = options.signal ?? new AbortController().signal;
  const neutralHeaders = {
    'user-agent': options.userAgent ?? `mova-sdk/${SDK_VERSION}`,
    accept: 'application/json, */*;q=0.8',
  };
  const clientHeaders = { ...neutralHeaders, ...lowerCaseNames(options.headers) };
  const authorizer: Authorizer = createAuthorizer(options.auth, {
    now: runtime.now,
    actionKey: options.actionKey,
    onTokenRefresh: options.auth?.onTokenRefresh,
    // Token requests serve every request of the client, so only the client's own signal cancels them.
    post: (url, form, headers) =>
      transmit(
        { method: 'POST', url, headers, body: form.toString() },
        { method: 'POST', url, actionKey: options.actionKey, secrets: authorizer.secrets() },
        { signal: clientSignal, timeoutMs: clientTimeoutMs, dispatcher: options.dispatcher },
      ),
  });

  const failureContext = (method: HttpMethod, url: URL): FailureContext => ({
    method,
    url,
    actionKey: options.actionKey,
    secrets: authorizer.secrets(),
  });

  /** Sends one try, following redirects; credentials go only to the first hop's origin. */
  async function follow(first: Hop, signal: AbortSignal, timeoutMs: number) {
    let hop = first;
    for (let redirects = 0; ; redirects++) {
      const sameOrigin = hop.url.origin === first.url.origin;
      const outgoing: OutgoingRequest = {
        method: hop.method,
        url: new URL(hop.url),
        headers: sameOrigin ? { ...clientHeaders } : { ...neutralHeaders },
        body: hop.body,
      };
      if (sameOrigin) authorizer.apply(outgoing);
      // The request's own headers win, so an action can override what the client or auth set.
      Object.assign(outgoing.headers, sameOrigin ? hop.headers : withoutCredentials(hop.headers));
      await throttle?.acquire(signal);
      const response = await transmit(outgoing, failureContext(hop.method, hop.url), {
        signal,
        timeoutMs,
        dispatcher: options.dispatcher,
      });
      const next = redirects < maxRedirects ? redirectTarget(hop, response) : undefined;
      if (!next) return { response, url: hop.url };
      hop = next;
    }
  }

  /** One try, plus one more after a 401 when the auth could refresh its token. */
  async function attempt(first: Hop, signal: AbortSignal, timeoutMs: number, recovered: { done: boolean }) {
    await authorizer.ready();
    const result = await follow(first, signal, timeoutMs);
    if (result.response.status !== 401 || recovered.done) return result;
    recovered.done = true;
    return (await authorizer.recover()) ? follow(first, signal, timeoutMs) : result;
  }

  async function sendWithRetries(first: Hop, signal: AbortSignal, timeoutMs: number) {
    const idempotent = isIdempotent(first.method, first.headers, policy);
    const recovered = { done: false };
    for (let tries = 1; ; tries++) {
      const last = tries >= policy.attempts;
      let result: { response: RawResponse; url: URL };
      try {
        result = await attempt(first, signal, timeoutMs, recovered);
      } catch (error) {
        const retry =
          !last &&
          error instanceof ConnectorError &&
          error.kind === 'transient' &&
          (idempotent || neverReachedServer(error.cause));
        if (!retry) throw error;
        await runtime.sleep(backoffMs(tries, policy, runtime.random), signal);
        continue;
      }
      const { response, url } = result;
      if (response.status < 400) return result;
      const retryAfter = parseRetryAfter(response.headers['retry-after'], runtime.now());
      const retryAfterMs = retryAfter === undefined ? undefined : retryAfter * 1000;
      const error = statusError(
        failureContext(first.method, url),
        toResponse(response, url, lenientBody(response)),
        response.body.toString('utf8'),
        retryAfterMs,
      );
      const retryable = isRetryableStatus(response.status) && (response.status === 429 || idempotent);
      const waitMs = retryAfterMs ?? backoffMs(tries, policy, runtime.random);
      // A wait longer than the cap is the runtime's to schedule: the error carries `retryAfter`.
      if (last || !retryable || waitMs > policy.maxDelayMs) throw error;
      await runtime.sleep(waitMs, signal);
    }
  }

  async function request<T = unknown>(req: HttpRequestOptions): Promise<HttpResponse<T>> {
    const method = req.method ?? 'GET';
    const url = buildUrl(options.baseUrl, req.path, req.query);
    const { body, contentType } = encodeBody(req);
    assertBodyAllowed(method, body, options.actionKey);
    const headers = { ...(contentType ? { 'content-type': contentType } : {}), ...lowerCaseNames(req.headers) };
    const scope = linkSignals([clientSignal, req.signal]);
    try {
      const first: Hop = { method, url, headers, body };
      const { response, url: answered } = await sendWithRetries(first, scope.signal, req.timeoutMs ?? clientTimeoutMs);
      const type = effectiveResponseType(req.responseType, response.headers['content-type']);
      let data: unknown;
      try {
        data = decodeBody(response.body, type);
      } catch (error) {
        throw invalidBodyError(failureContext(method, answered), response.status, error);
      }
      // The caller names the body's type; like any HTTP client, nothing here can check it.
      return toResponse(response, answered, data as T);
    } catch (error) {
      // Whatever was waiting (a backoff, the throttle, the socket), a cancelled step sees its own reason.
      throw scope.signal.aborted ? scope.signal.reason : error;
    } finally {
      scope.dispose();
    }
  }

  const shorthand =
    (method: HttpMethod) =>
    <T = unknown>(path: string, more: Omit<HttpRequestOptions, 'method' | 'path'> = {}) =>
      request<T>({ ...more, method, path });

  return {
    request,
    get: shorthand('GET'),
    post: shorthand('POST'),
    put: shorthand('PUT'),
    patch: shorthand('PATCH'),
    delete: shorthand('DELETE'),
    paginate: (paginateOptions) => paginate(request, paginateOptions, options.actionKey),
  };
}

function toResponse<T>(response: RawResponse, url: URL, data: T): HttpResponse<T> {
  return { status: response.status, headers: response.headers, data, url: url.href };
}

/** An error body decoded as well as it can be: JSON when it says so and parses, text otherwise. */
function lenientBody(response: RawResponse): unknown {
  try {
    return decodeBody(response.body, effectiveResponseType(undefined, response.headers['content-type']));
  } catch {
    return response.body.toString('utf8');
  }
}

function lowerCaseNames(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}
