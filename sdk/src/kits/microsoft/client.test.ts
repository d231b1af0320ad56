import { describe, expect, it } from 'vitest';
import {
  type GraphMiddleware,
  type GraphMiddlewareContext,
  graphBearerMiddleware,
  graphTokenProvider,
} from './client.js';

/** The last link: records the Authorization header it got and answers with the next status. */
function recorder(statuses: number[]) {
  const seen: (string | undefined)[] = [];
  const link: GraphMiddleware = {
    setNext() {},
    async execute(context: GraphMiddlewareContext) {
      seen.push((context.options?.headers as Record<string, string> | undefined)?.Authorization);
      context.response = { status: statuses.shift() ?? 200 };
    },
  };
  return { link, seen };
}

describe('graphTokenProvider', () => {
  it('gets app-only tokens from the credential the connector makes, for the cloud’s .default scope', async () => {
    const asked: unknown[] = [];
    const tokens = graphTokenProvider(
      { tenantId: 't', clientId: 'app', clientSecret: 's', cloud: 'usGovernment' },
      {
        clientCredential: (c) => {
          expect(c).toMatchObject({ tenantId: 't', authorityHost: 'https://login.microsoftonline.us' });
          return {
            getToken: async (scope) => {
              asked.push(scope);
              return { token: 'app-token' };
            },
          };
        },
      },
    );
    expect(await tokens.getToken()).toBe('app-token');
    expect(asked).toEqual(['https://graph.microsoft.us/.default']);
    expect(tokens.canRefresh).toBe(false);
  });
});

describe('graphBearerMiddleware', () => {
  const connection = { graphUrl: 'http://127.0.0.1:4000', accessToken: 'at' };

  it('adds the token for the Graph origin only', async () => {
    const { link, seen } = recorder([200, 200]);
    const bearer = graphBearerMiddleware(connection, { canRefresh: false, getToken: async () => 'at' });
    bearer.setNext(link);
    await bearer.execute({ request: 'http://127.0.0.1:4000/v1.0/me', options: { headers: { Accept: 'json' } } });
    await bearer.execute({ request: 'https://upload.example.com/x', options: {} });
    expect(seen).toEqual(['Bearer at', undefined]);
  });

  it('refreshes once after a 401 and sends again', async () => {
    const { link, seen } = recorder([401, 200]);
    const forced: boolean[] = [];
    const bearer = graphBearerMiddleware(connection, {
      canRefresh: true,
      getToken: async (force) => {
        forced.push(Boolean(force));
        return force ? 'at-2' : 'at-1';
      },
    });
    bearer.setNext(link);
    const context: GraphMiddlewareContext = { request: { url: 'http://127.0.0.1:4000/v1.0/me' } };
    await bearer.execute(context);
    expect(seen).toEqual(['Bearer at-1', 'Bearer at-2']);
    expect(forced).toEqual([false, true]);
    expect(context.response?.status).toBe(200);
  });

  it('keeps what the token source threw, which the Graph SDK would reduce to a message', async () => {
    const refused = new Error('AADSTS70008');
    const bearer = graphBearerMiddleware(connection, {
      canRefresh: true,
      getToken: async () => {
        throw refused;
      },
    });
    bearer.setNext(recorder([]).link);
    await expect(bearer.execute({ request: 'http://127.0.0.1:4000/v1.0/me' })).rejects.toBe(refused);
    expect(bearer.tokenFailure).toBe(refused);
  });
});
