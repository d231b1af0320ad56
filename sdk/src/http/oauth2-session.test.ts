import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { Auth } from '../auth.js';
import { type ActionContext, type RefreshedTokens, standaloneContext } from '../context.js';
import type { TokenPost } from './oauth2.js';
import { oauth2Session } from './oauth2-session.js';

const CURRENT_CONTEXT = Symbol.for('mova.actionContext');
const NOW_S = 1_800_000_000;
const definition = Auth.oauth2({ flows: ['authorization_code'], tokenUrl: 'http://127.0.0.1:1/token' });

/** A token endpoint that answers each refresh with the next access token, rotating the refresh token. */
function tokenEndpoint() {
  const grants: string[] = [];
  const post: TokenPost = async (_url, form) => {
    grants.push(form.toString());
    const n = grants.length + 1;
    const body = { access_token: `at_${n}`, refresh_token: `rt_${n}`, expires_in: 3600, token_type: 'Bearer' };
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
  };
  return { grants, post };
}

/** The host's side: an AsyncLocalStorage under the global name, as the sandbox entry installs it. */
function hostStorage(): AsyncLocalStorage<ActionContext> {
  const storage = new AsyncLocalStorage<ActionContext>();
  Reflect.set(globalThis, CURRENT_CONTEXT, storage);
  return storage;
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, CURRENT_CONTEXT);
});

describe('oauth2Session reports refreshed tokens to the running action', () => {
  it('hands the host the new token set (rotated refresh token, no client secret) through ctx.tokensRefreshed', async () => {
    const endpoint = tokenEndpoint();
    const reported: RefreshedTokens[] = [];
    const ctx = standaloneContext({ name: 'x', version: '1.0.0' }, 'a', {
      tokensRefreshed: async (tokens) => void reported.push(tokens),
    });
    const value = {
      accessToken: 'at_1',
      refreshToken: 'rt_1',
      expiresAt: NOW_S - 10,
      clientId: 'c',
      clientSecret: 's',
    };
    const session = oauth2Session(definition, value, { post: endpoint.post, now: () => NOW_S * 1000 });
    await hostStorage().run(ctx, () => session.ready());
    expect(endpoint.grants).toEqual(['grant_type=refresh_token&refresh_token=rt_1']);
    expect(reported).toEqual([{ accessToken: 'at_2', refreshToken: 'rt_2', expiresAt: NOW_S + 3600 }]);
  });

  it('reports nothing when the token is fresh, and refreshes without a host that tracks calls', async () => {
    const endpoint = tokenEndpoint();
    const reported: RefreshedTokens[] = [];
    const ctx = standaloneContext({ name: 'x', version: '1.0.0' }, 'a', {
      tokensRefreshed: async (tokens) => void reported.push(tokens),
    });
    const fresh = oauth2Session(
      definition,
      { accessToken: 'at_1', refreshToken: 'rt_1', expiresAt: NOW_S + 600 },
      { post: endpoint.post, now: () => NOW_S * 1000 },
    );
    await hostStorage().run(ctx, () => fresh.ready());
    expect(reported).toEqual([]);
    Reflect.deleteProperty(globalThis, CURRENT_CONTEXT);
    const stale = oauth2Session(
      definition,
      { accessToken: 'at_1', refreshToken: 'rt_1', expiresAt: NOW_S - 10 },
      { post: endpoint.post, now: () => NOW_S * 1000 },
    );
    await stale.ready();
    expect(endpoint.grants).toHaveLength(1);
    expect(reported).toEqual([]);
  });
});
