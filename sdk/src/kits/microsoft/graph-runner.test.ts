import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../errors.js';
import type { GraphMiddleware, GraphMiddlewareContext, TokenCredentialLike } from './client.js';
import { graphErrorMapping } from './errors.js';
import { type GraphSdk, graphConnectionTest, graphRunner, nextPageToken, type WithGraph } from './graph-runner.js';

type Link = GraphMiddleware | { name: string };

/** The Graph SDK's classes, by shape: what the kit built is kept for the test to look at. */
function fakeSdk(answer = 200) {
  const built: {
    options?: { middleware: Link[]; baseUrl: string; defaultVersion: string; fetchOptions?: { signal: AbortSignal } };
    shouldRetry?: (delay: number, attempt: number, request: unknown, options: unknown, response: never) => boolean;
    credential?: { tenantId: string; options: { authorityHost: string; tlsOptions?: { ca: string[] } } };
  } = {};
  const sdk: GraphSdk<{ send(url: string): Promise<GraphMiddlewareContext> }, { name: string }, { name: string }> = {
    Client: {
      initWithMiddleware(options) {
        built.options = options;
        return {
          async send(url) {
            const [bearer] = options.middleware;
            const context: GraphMiddlewareContext = { request: url };
            if (bearer && 'execute' in bearer) {
              bearer.setNext({
                async execute(inner) {
                  inner.response = { status: answer };
                },
              });
              await bearer.execute(context);
            }
            return context;
          },
        };
      },
    },
    RetryHandler: class {
      name = 'retry';
    },
    RetryHandlerOptions: class {
      name = 'retry options';
      constructor(_delay: number, _max: number, shouldRetry: typeof built.shouldRetry) {
        built.shouldRetry = shouldRetry;
      }
    },
    HTTPMessageHandler: class {
      name = 'http';
    },
    ClientSecretCredential: class implements TokenCredentialLike {
      constructor(tenantId: string, _clientId: string, _secret: string, options: { authorityHost: string }) {
        built.credential = { tenantId, options };
      }
      async getToken() {
        return { token: 'app-token' };
      }
    },
  };
  return { sdk, built };
}

const errors = graphErrorMapping('Acme Graph');

describe('graphRunner', () => {
  it('chains bearer, retry and HTTP links on the connection’s Graph, and signs requests with its token', async () => {
    const { sdk, built } = fakeSdk();
    const withGraph = graphRunner(errors, sdk);
    const signal = new AbortController().signal;
    const connection = { accessToken: 'user-token', graphUrl: 'http://127.0.0.1:4000' };
    const context = await withGraph(connection, { signal, actionKey: 'mail.list' }, (graph) =>
      graph.send('http://127.0.0.1:4000/v1.0/me'),
    );
    expect(context.options?.headers).toEqual({ Authorization: 'Bearer user-token' });
    expect(built.options?.middleware.slice(1)).toMatchObject([{ name: 'retry' }, { name: 'http' }]);
    expect(built.options).toMatchObject({ baseUrl: 'http://127.0.0.1:4000/', defaultVersion: 'v1.0' });
    expect(built.options?.fetchOptions?.signal).toBe(signal);
  });

  it('waits out Retry-After of up to 30 seconds and leaves longer ones to the runtime', async () => {
    const { sdk, built } = fakeSdk();
    await graphRunner(errors, sdk)({ accessToken: 't' }, undefined, async () => undefined);
    const retry = (after: string | null) =>
      built.shouldRetry?.(1, 1, undefined, undefined, { headers: { get: () => after } } as never);
    expect([retry('30'), retry(null), retry('31'), retry('soon')]).toEqual([true, true, false, false]);
  });

  it('builds client credentials for the cloud’s sign-in host, trusting the connection’s CA besides the public ones', async () => {
    const { sdk, built } = fakeSdk();
    const app = { tenantId: 't1', clientId: 'app', clientSecret: 's', cloud: 'usGovernment', caCertificate: 'PEM' };
    const token = await graphRunner(errors, sdk)(app, undefined, (_graph, tokens) => tokens.getToken());
    expect(token).toBe('app-token');
    expect(built.credential?.tenantId).toBe('t1');
    expect(built.credential?.options.authorityHost).toBe('https://login.microsoftonline.us');
    expect(built.credential?.options.tlsOptions?.ca.at(-1)).toBe('PEM');
    expect(built.credential?.options.tlsOptions?.ca.length).toBeGreaterThan(1);
  });

  it('rethrows what the token source threw, not the Graph SDK’s wrapper, as a ConnectorError with the action key', async () => {
    const { sdk } = fakeSdk();
    // No access token, and no client id to refresh one with.
    const expired = { refreshToken: 'r', graphUrl: 'http://127.0.0.1:4000' };
    const failure = graphRunner(errors, sdk)(
      expired,
      { signal: new AbortController().signal, actionKey: 'x.y' },
      (graph) =>
        graph.send('http://127.0.0.1:4000/v1.0/me').catch(() => {
          throw new Error('the Graph SDK keeps only the message');
        }),
    );
    await expect(failure).rejects.toBeInstanceOf(ConnectorError);
    await expect(failure).rejects.toMatchObject({ kind: 'auth', actionKey: 'x.y' });
  });

  it('maps a Graph error through the connector’s mapping', async () => {
    const { sdk } = fakeSdk();
    const graphError = Object.assign(new Error('The mailbox was not found'), {
      statusCode: 404,
      code: 'ErrorItemNotFound',
      requestId: 'r1',
    });
    await expect(
      graphRunner(errors, sdk)({ accessToken: 't' }, undefined, async () => {
        throw graphError;
      }),
    ).rejects.toMatchObject({ kind: 'not_found', status: 404, message: expect.stringContaining('Acme Graph') });
  });
});

describe('graphConnectionTest', () => {
  /** A withGraph over a client that records what it was asked for. */
  function recording() {
    const asked: string[] = [];
    const withGraph: WithGraph<{ api(path: string): { select(properties: string): { get(): Promise<unknown> } } }> = (
      _auth,
      _ctx,
      work,
    ) =>
      work(
        {
          api: (path) => ({
            select: (properties) => ({
              get: async () => asked.push(`GET ${path}?$select=${properties}`),
            }),
          }),
        },
        {
          canRefresh: false,
          getToken: async () => {
            asked.push('token');
            return 't';
          },
        },
      );
    return { asked, withGraph };
  }

  it('reads the signed-in user’s id', async () => {
    const { asked, withGraph } = recording();
    await graphConnectionTest(withGraph)({ accessToken: 'user-token' });
    expect(asked).toEqual(['GET /me?$select=id']);
  });

  it('gets an app-only token for client credentials, reading nothing', async () => {
    const { asked, withGraph } = recording();
    const app = { tenantId: 't', clientId: 'app', clientSecret: 's' };
    await graphConnectionTest(withGraph)(app);
    expect(asked).toEqual(['token']);
  });
});

describe('nextPageToken', () => {
  it('hands back the query of nextLink, and nothing on the last page', () => {
    const next = { value: [], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/me/messages?$top=10&$skip=10' };
    expect(nextPageToken(next)).toBe('$top=10&$skip=10');
    expect(nextPageToken({ value: [] })).toBeUndefined();
  });
});
