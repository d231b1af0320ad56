import type { OAuth2Value } from '../../auth.js';
import { currentActionContext } from '../../context.js';
import { type GraphConnection, type GraphCredentials, graphCredentialsOf, graphEndpointsOf } from './connection.js';
import { type DelegatedTokenSource, delegatedTokenSource } from './token.js';

/** What @azure/identity's credentials offer (`TokenCredential`), by shape. */
export interface TokenCredentialLike {
  getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal }): Promise<{ token: string } | null>;
}

export type ClientCredentials = Extract<GraphCredentials, { kind: 'clientCredentials' }>;

/**
 * The access tokens of a Graph connection, whichever way it authenticates: a signed-in user's
 * (refreshed by the kit) or an app's client credentials, through the credential the connector makes
 * (`new ClientSecretCredential(tenantId, clientId, clientSecret, { authorityHost })` from @azure/identity).
 * @example
 * const tokens = graphTokenProvider(connection, {
 *   clientCredential: (c) => new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret, { authorityHost: c.authorityHost }),
 *   signal: ctx.signal,
 * });
 */
export function graphTokenProvider(
  connection: GraphConnection,
  options: {
    clientCredential: (credentials: ClientCredentials) => TokenCredentialLike;
    signal?: AbortSignal;
    actionKey?: string;
    onRefresh?: (tokens: OAuth2Value) => void | Promise<void>;
  },
): DelegatedTokenSource {
  const credentials = graphCredentialsOf(connection);
  if (credentials.kind === 'delegated') {
    // Microsoft rotates refresh tokens: the running action's host stores each new set as well.
    const onRefresh = async (tokens: OAuth2Value) => {
      await options.onRefresh?.(tokens);
      await currentActionContext()?.tokensRefreshed?.(tokens);
    };
    return delegatedTokenSource(credentials, { ...options, onRefresh });
  }
  const credential = options.clientCredential(credentials);
  return {
    // @azure/identity caches the token and fetches a new one when it nears expiry.
    canRefresh: false,
    async getToken() {
      const token = await credential.getToken(credentials.scope, { abortSignal: options.signal });
      if (!token) throw new Error('the credential returned no token');
      return token.token;
    },
  };
}

/** The Graph SDK's middleware context, by shape (`Context` of @microsoft/microsoft-graph-client). */
export interface GraphMiddlewareContext {
  request: string | { url: string };
  options?: { headers?: unknown };
  response?: { status: number };
}

/** A link of the Graph SDK's middleware chain, by shape (`Middleware`). */
export interface GraphMiddleware {
  execute(context: GraphMiddlewareContext): Promise<void>;
  setNext(next: { execute(context: GraphMiddlewareContext): Promise<void> }): void;
}

/** The bearer link, and why getting a token failed: the Graph SDK keeps only the message of what a link throws. */
export interface GraphBearerMiddleware extends GraphMiddleware {
  /** What the token source threw during the last request, to rethrow instead of the SDK's wrapper. */
  readonly tokenFailure: unknown;
}

/**
 * The first link of a Graph SDK middleware chain (`Client.initWithMiddleware({ middleware: [this,
 * new RetryHandler(…), new HTTPMessageHandler()] })`): puts the bearer token on requests to the
 * connection's Graph origin only (the SDK's own handler knows only the clouds' https hosts, so it
 * would leave a proxy or a test server without one), and after a 401 refreshes a signed-in user's
 * token once and sends again.
 */
export function graphBearerMiddleware(
  connection: GraphConnection,
  tokens: DelegatedTokenSource,
): GraphBearerMiddleware {
  const origin = new URL(graphEndpointsOf(connection).graphUrl).origin;
  let next: { execute(context: GraphMiddlewareContext): Promise<void> } | undefined;
  let tokenFailure: unknown;
  const token = async (force: boolean) => {
    try {
      return await tokens.getToken(force);
    } catch (error) {
      tokenFailure = error;
      throw error;
    }
  };
  const send = async (context: GraphMiddlewareContext, force: boolean) => {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (new URL(url).origin === origin) {
      setHeader(context, 'Authorization', `Bearer ${await token(force)}`);
    }
    if (!next) throw new Error('graphBearerMiddleware must not be the last link of the chain');
    await next.execute(context);
  };
  return {
    get tokenFailure() {
      return tokenFailure;
    },
    setNext(link) {
      next = link;
    },
    async execute(context) {
      await send(context, false);
      if (context.response?.status === 401 && tokens.canRefresh) await send(context, true);
    },
  };
}

function setHeader(context: GraphMiddlewareContext, name: string, value: string): void {
  context.options ??= {};
  const headers = context.options.headers;
  if (headers instanceof Headers) headers.set(name, value);
  else if (Array.isArray(headers))
    context.options.headers = [...headers.filter(([key]) => key !== name), [name, value]];
  else context.options.headers = { ...(typeof headers === 'object' && headers !== null ? headers : {}), [name]: value };
}
