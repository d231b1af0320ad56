import { type ActionContext, serviceUrlOf } from '@mova/sdk';
import { type ClientResponse, createAdminApiClient } from '@shopify/admin-api-client';
import { API_VERSION, type ShopifyConnection } from './connection.js';
import { ShopifyFailure, shopifyErrors, userErrorsFailure } from './errors.js';

/**
 * Sends one Admin GraphQL operation through Shopify's official Admin API client and returns its `data`;
 * any failure (HTTP status, GraphQL errors, throttling) becomes a ConnectorError.
 * @example
 * const { order } = await adminGraphql<{ order: Order | null }>(auth, ctx, ORDER_QUERY, { id });
 */
export async function adminGraphql<T>(
  connection: ShopifyConnection,
  ctx: ActionContext | undefined,
  operation: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  return shopifyErrors.call(ctx?.actionKey, async () => {
    const client = createAdminApiClient({
      storeDomain: connection.shop,
      apiVersion: connection.apiVersion ?? API_VERSION,
      accessToken: connection.accessToken,
      // No client retries (its wait reads Retry-After seconds as milliseconds); the runtime retries.
      retries: 0,
      customFetchApi: routedFetch(connection, ctx),
      logger: (entry) => {
        if (entry.type === 'HTTP-Response-GraphQL-Deprecation-Notice')
          ctx?.log('warn', `Shopify: ${entry.content.deprecationNotice}`);
      },
    });
    const response: ClientResponse<T> = await client.request<T>(operation, { variables });
    if (response.errors || response.data === undefined) throw await failureOf(response);
    return response.data;
  });
}

/** Throws the mutation's `userErrors`, if any, as one invalid_input error. */
export function checkUserErrors(
  payload: { userErrors: { field?: string[] | null; message: string }[] } | null | undefined,
  ctx: ActionContext,
): void {
  if (payload?.userErrors.length) throw userErrorsFailure(payload.userErrors, ctx.actionKey);
}

/**
 * The client always calls https://<shop>/admin/api/…; with `apiUrl` the request goes to that root instead
 * (a proxy, or the test's loopback shop). The step's abort signal reaches every request either way.
 */
function routedFetch(connection: ShopifyConnection, ctx: ActionContext | undefined) {
  const root = connection.apiUrl === undefined ? undefined : serviceUrlOf(connection.apiUrl, connection.apiUrl);
  return (url: string, init?: RequestInit) => {
    const target = root === undefined ? url : `${root}${new URL(url).pathname}`;
    const signal =
      ctx?.signal && init?.signal ? AbortSignal.any([ctx.signal, init.signal]) : (ctx?.signal ?? init?.signal);
    return fetch(target, { ...init, ...(signal ? { signal } : {}) });
  };
}

async function failureOf(response: ClientResponse): Promise<ShopifyFailure> {
  const errors = response.errors;
  const status = errors?.networkStatusCode;
  const first = errors?.graphQLErrors?.[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
  if (first) {
    const message = errors?.graphQLErrors?.map((e) => e.message).join('; ') ?? first.message;
    return new ShopifyFailure(message, status, code, code === 'THROTTLED' ? throttleWait(response) : undefined);
  }
  // A non-2xx answer: the client leaves its body unread; Shopify puts the reason in `errors`.
  const body = await errors?.response?.text().catch(() => '');
  return new ShopifyFailure(
    reasonIn(body) ?? errors?.message ?? 'no data in the answer',
    status,
    undefined,
    retryAfterOf(errors?.response?.headers.get('retry-after')),
  );
}

/** Shopify sends `Retry-After: 2.0`, which the HTTP grammar's whole seconds do not allow: round it up. */
function retryAfterOf(header: string | null | undefined): number | string | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : header;
}

/** Seconds until the cost bucket holds what the query asked for (extensions.cost.throttleStatus). */
function throttleWait(response: ClientResponse): number | undefined {
  const cost = response.extensions?.cost;
  const status = cost?.throttleStatus;
  if (!cost?.requestedQueryCost || !status?.restoreRate) return undefined;
  const missing = cost.requestedQueryCost - (status.currentlyAvailable ?? 0);
  return Math.max(1, Math.ceil(missing / status.restoreRate));
}

function reasonIn(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'errors' in parsed) {
      const { errors } = parsed;
      return typeof errors === 'string' ? errors : JSON.stringify(errors);
    }
  } catch {
    // Not JSON: an HTML error page, say.
  }
  return body.slice(0, 200);
}
