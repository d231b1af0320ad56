import { rootCertificates } from 'node:tls';
import { ClientSecretCredential } from '@azure/identity';
import {
  Client,
  type GraphRequest,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
} from '@microsoft/microsoft-graph-client';
import type { ActionContext, OAuth2Value } from '@mova/sdk';
import {
  type DelegatedTokenSource,
  graphBearerMiddleware,
  graphConnectionOf,
  graphEndpointsOf,
  graphErrorMapping,
  graphTokenProvider,
} from '@mova/sdk/microsoft';

export const teamsErrors = graphErrorMapping('Microsoft Teams');

// Graph's throttling answers say how long to wait; short waits are waited out by the SDK's retry
// handler, longer ones go to the runtime with `retryAfter`, which reschedules the step.
const MAX_WAIT_SECONDS = 30;

/**
 * Runs `work` with a Graph client for this connection; failures leave as ConnectorErrors.
 * @example
 * const teams = await withGraph(auth, ctx, (graph) => graph.api('/me/joinedTeams').get());
 */
export async function withGraph<T>(
  auth: OAuth2Value,
  ctx: Pick<ActionContext, 'signal' | 'actionKey'> | undefined,
  work: (graph: Client, tokens: DelegatedTokenSource) => Promise<T>,
): Promise<T> {
  return teamsErrors.call(ctx?.actionKey, async () => {
    const connection = graphConnectionOf(auth);
    const tokens = graphTokenProvider(connection, {
      clientCredential: (c) =>
        new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret, {
          authorityHost: c.authorityHost,
          disableInstanceDiscovery: c.disableInstanceDiscovery,
          // With a CA of its own, the connection still trusts the public ones (Node replaces them otherwise).
          ...(c.caCertificate ? { tlsOptions: { ca: [...rootCertificates, c.caCertificate] } } : {}),
        }),
      signal: ctx?.signal,
      actionKey: ctx?.actionKey,
    });
    const retry = new RetryHandler(
      new RetryHandlerOptions(1, 3, (_delay, _attempt, _request, _options, response) => {
        const after = Number(response.headers.get('retry-after') ?? 0);
        return Number.isFinite(after) && after <= MAX_WAIT_SECONDS;
      }),
    );
    const bearer = graphBearerMiddleware(connection, tokens);
    const graph = Client.initWithMiddleware({
      middleware: [bearer, retry, new HTTPMessageHandler()],
      baseUrl: `${graphEndpointsOf(connection).graphUrl}/`,
      defaultVersion: 'v1.0',
      fetchOptions: ctx?.signal ? { signal: ctx.signal } : undefined,
    });
    try {
      return await work(graph, tokens);
    } catch (error) {
      throw bearer.tokenFailure ?? error;
    }
  });
}

/** A page of a Graph collection. */
export interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/** The query of a page's nextLink, which a step hands back to read the next page. */
export function nextPageToken(page: GraphPage<unknown>): string | undefined {
  const link = page['@odata.nextLink'];
  return link ? new URL(link).search.slice(1) : undefined;
}

/**
 * Every item of a collection, following nextLink's query on the same path, up to `max`. `first`
 * shapes the first request ($filter, $select); later ones carry nextLink's query, which repeats it.
 */
export async function readAll<T>(
  graph: Client,
  path: string,
  first: (request: GraphRequest) => GraphRequest = (request) => request,
  max = 1000,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const request = graph.api(path);
    const page: GraphPage<T> = await (token ? request.query(token) : first(request)).get();
    items.push(...page.value);
    token = nextPageToken(page);
  } while (token && items.length < max);
  return items.slice(0, max);
}
