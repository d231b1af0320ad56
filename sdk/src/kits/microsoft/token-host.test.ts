import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionContext, type RefreshedTokens, standaloneContext } from '../../context.js';
import { type ReferenceServer, startReferenceServer } from '../../testing/reference-server.js';
import { graphTokenProvider } from './client.js';

// The refresh token grant as Microsoft's v2.0 token endpoint answers it, rotating the refresh token
// (learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token).
let login: ReferenceServer;
beforeAll(async () => {
  login = await startReferenceServer();
  login.route('POST', '/contoso/oauth2/v2.0/token', ({ body }) => {
    const form = body as Record<string, string>;
    if (form.refresh_token !== 'rt-1') return { status: 400, body: { error: 'invalid_grant' } };
    return {
      body: { token_type: 'Bearer', scope: form.scope, expires_in: 3600, access_token: 'at-2', refresh_token: 'rt-2' },
    };
  });
});
afterAll(() => login.close());

describe('graphTokenProvider with a signed-in user', () => {
  it('hands a refreshed, rotated token set to the running action’s host as well as to onRefresh', async () => {
    const storage = new AsyncLocalStorage<ActionContext>();
    Reflect.set(globalThis, Symbol.for('mova.actionContext'), storage);
    try {
      const host: RefreshedTokens[] = [];
      const own: unknown[] = [];
      const ctx = standaloneContext({ name: 'microsoft-outlook', version: '1.0.0' }, 'mail.list', {
        tokensRefreshed: async (tokens) => void host.push(tokens),
      });
      const tokens = graphTokenProvider(
        {
          accessToken: 'at-1',
          refreshToken: 'rt-1',
          expiresAt: Math.floor(Date.now() / 1000) - 10,
          clientId: 'app',
          scope: 'offline_access Mail.Read',
          tenantId: 'contoso',
          loginUrl: login.url,
        },
        {
          clientCredential: () => {
            throw new Error('a signed-in connection needs no app credential');
          },
          onRefresh: (set) => void own.push(set),
        },
      );
      expect(await storage.run(ctx, () => tokens.getToken())).toBe('at-2');
      const expected = {
        accessToken: 'at-2',
        refreshToken: 'rt-2',
        expiresAt: expect.any(Number),
        scope: 'offline_access Mail.Read',
      };
      expect(host).toEqual([expected]);
      expect(own).toEqual([expected]);
    } finally {
      Reflect.deleteProperty(globalThis, Symbol.for('mova.actionContext'));
    }
  });
});
