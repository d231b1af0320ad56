import { rootCertificates } from 'node:tls';
import type { OAuth2Value } from '../../auth.js';
import type { ActionContext } from '../../context.js';
import type { ErrorMapping } from '../../error-mapping.js';
import {
  type ClientCredentials,
  type GraphMiddleware,
  graphBearerMiddleware,
  graphTokenProvider,
  type TokenCredentialLike,
} from './client.js';
import { graphConnectionOf, graphCredentialsOf, graphEndpointsOf } from './connection.js';
import type { DelegatedTokenSource } from './token.js';

// Graph's throttling answers say how long to wait; short waits are waited out by the Graph SDK's
// retry handler, longer ones go to the runtime with `retryAfter`, which reschedules the step.
const MAX_WAIT_SECONDS = 30;

/** The answer the Graph SDK's retry handler asks about, by shape (a fetch `Response`). */
interface RetriedResponse {
  headers: { get(name: string): string | null };
}

/**
 * The classes a Graph connector hands in from @microsoft/microsoft-graph-client and
 * @azure/identity, by shape: the kit builds the middleware chain and the credential with them but
 * adds neither package to the SDK. `C` is the client, `M` a middleware link, `R` retry options.
 */
export interface GraphSdk<C, M, R> {
  Client: {
    initWithMiddleware(options: {
      middleware: (M | GraphMiddleware)[];
      baseUrl: string;
      defaultVersion: string;
      fetchOptions?: { signal: AbortSignal };
    }): C;
  };
  RetryHandler: new (options: R) => M;
  RetryHandlerOptions: new (
    delay: number,
    maxRetries: number,
    shouldRetry: (
      delay: number,
      attempt: number,
      request: unknown,
      options: unknown,
      response: RetriedResponse,
    ) => boolean,
  ) => R;
  HTTPMessageHandler: new () => M;
  ClientSecretCredential: new (
    tenantId: string,
    clientId: string,
    clientSecret: string,
    options: {
      authorityHost: string;
      disableInstanceDiscovery: boolean;
      tlsOptions?: { ca: string[] };
    },
  ) => TokenCredentialLike;
}

/** Runs `work` with a Graph client for a connection; failures leave as the mapping's ConnectorErrors. */
export type WithGraph<C> = <T>(
  auth: OAuth2Value,
  ctx: Pick<ActionContext, 'signal' | 'actionKey'> | undefined,
  work: (graph: C, tokens: DelegatedTokenSource) => Promise<T>,
) => Promise<T>;

/**
 * The `withGraph` of a Graph connector: per call, a Graph SDK client on the connection's cloud (or
 * its `graphUrl`) whose first link puts the connection's token on Graph requests (a signed-in
 * user's, refreshed after a 401, or an app's client credentials through `ClientSecretCredential`,
 * trusting the connection's `caCertificate` besides the public CAs), whose retry handler waits out
 * throttling of up to 30 s, and whose failures, including the token source's own, leave as `errors`
 * maps them.
 * @example
 * import { ClientSecretCredential } from '@azure/identity';
 * import { Client, HTTPMessageHandler, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
 * export const outlookErrors = graphErrorMapping('Outlook');
 * export const withGraph = graphRunner(outlookErrors, { Client, HTTPMessageHandler, RetryHandler, RetryHandlerOptions, ClientSecretCredential });
 * const page = await withGraph(auth, ctx, (graph) => graph.api('/me/messages').top(10).get());
 */
export function graphRunner<C, M, R>(errors: ErrorMapping, sdk: GraphSdk<C, M, R>): WithGraph<C> {
  return (auth, ctx, work) =>
    errors.call(ctx?.actionKey, async () => {
      const connection = graphConnectionOf(auth);
      const tokens = graphTokenProvider(connection, {
        clientCredential: (c: ClientCredentials) =>
          new sdk.ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret, {
            authorityHost: c.authorityHost,
            disableInstanceDiscovery: c.disableInstanceDiscovery,
            // With a CA of its own, the connection still trusts the public ones (Node replaces them otherwise).
            ...(c.caCertificate ? { tlsOptions: { ca: [...rootCertificates, c.caCertificate] } } : {}),
          }),
        signal: ctx?.signal,
        actionKey: ctx?.actionKey,
      });
      const retry = new sdk.RetryHandler(
        new sdk.RetryHandlerOptions(1, 3, (_delay, _attempt, _request, _options, response) => waitable(response)),
      );
      const bearer = graphBearerMiddleware(connection, tokens);
      const graph = sdk.Client.initWithMiddleware({
        middleware: [bearer, retry, new sdk.HTTPMessageHandler()],
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

/** Whether a throttled answer's Retry-After (seconds) is short enough to wait out here. */
function waitable(response: RetriedResponse): boolean {
  const after = Number(response.headers.get('retry-after') ?? 0);
  return Number.isFinite(after) && after <= MAX_WAIT_SECONDS;
}

/** What the connection test needs of a Graph client, by shape (`Client` of @microsoft/microsoft-graph-client). */
export interface GraphSelectable {
  api(path: string): { select(properties: string): { get(): Promise<unknown> } };
}

/**
 * The `validate` of a Graph connector's auth: an app proves its tenant, client id and secret by
 * getting a token, a signed-in user their token by reading their own id (`GET /me?$select=id`).
 * @example
 * export const auth = graphAuth({ scopes: SCOPES, validate: graphConnectionTest(withGraph) });
 */
export function graphConnectionTest<C extends GraphSelectable>(withGraph: WithGraph<C>) {
  return async (value: OAuth2Value): Promise<void> => {
    const appOnly = graphCredentialsOf(graphConnectionOf(value)).kind === 'clientCredentials';
    await withGraph(value, undefined, async (graph, tokens) => {
      if (appOnly) await tokens.getToken();
      else await graph.api('/me').select('id').get();
    });
  };
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
