import type { OAuth2Auth, OAuth2Value } from '../auth.js';
import { currentActionContext, type RefreshedTokens } from '../context.js';
import { ConnectorError } from '../errors.js';
import type { Authorizer } from './authorizer.js';
import { field } from './fields.js';
import { requestToken, type TokenPost } from './oauth2.js';

// Refresh a little early, so a token does not expire between the check and the vendor's.
const EXPIRY_SKEW_MS = 30_000;

export interface OAuth2SessionDeps {
  post: TokenPost;
  now(): number;
  actionKey?: string;
  onTokenRefresh?: (value: OAuth2Value) => void | Promise<void>;
}

/**
 * Keeps an OAuth2 connection's tokens fresh for one client. A missing or expiring access token is
 * refreshed before the request; a 401 triggers one refresh. Refreshing uses, in this order, the
 * definition's `refresh` hook, the refresh_token grant, or the client_credentials grant. Concurrent
 * requests share one refresh. New tokens go to `onTokenRefresh` and to the running action's host
 * (`ctx.tokensRefreshed`), which writes them back to the connection.
 */
export function oauth2Session(definition: OAuth2Auth, value: unknown, deps: OAuth2SessionDeps): Authorizer {
  let tokens = readTokens(value);
  let refreshing: Promise<void> | undefined;

  const clientCredentials = () =>
    definition.flows.includes('client_credentials') && Boolean(tokens.clientId && tokens.clientSecret);
  const canRefresh = () => Boolean(definition.refresh || tokens.refreshToken || clientCredentials());
  const stale = () =>
    !tokens.accessToken || (tokens.expiresAt !== undefined && tokens.expiresAt * 1000 - EXPIRY_SKEW_MS <= deps.now());

  const fetchTokens = async (): Promise<OAuth2Value> => {
    if (definition.refresh) return definition.refresh({ ...tokens }, { tokenUrl: definition.tokenUrl });
    const client = { clientId: tokens.clientId, clientSecret: tokens.clientSecret };
    const grant: Record<string, string> = tokens.refreshToken
      ? { grant_type: 'refresh_token', refresh_token: tokens.refreshToken }
      : { grant_type: 'client_credentials' };
    const scope = tokens.scope ?? definition.scopes.join(' ');
    if (grant.grant_type === 'client_credentials' && scope) grant.scope = scope;
    return requestToken(deps.post, { definition, grant, client, nowMs: deps.now(), actionKey: deps.actionKey });
  };

  const refresh = () => {
    refreshing ??= (async () => {
      const next = await fetchTokens();
      tokens = { ...tokens, ...next, expiresAt: next.expiresAt };
      if (!tokens.accessToken) throw noToken(deps.actionKey, 'the token refresh returned no access token');
      await deps.onTokenRefresh?.({ ...tokens });
      await currentActionContext()?.tokensRefreshed?.(refreshedTokens(tokens));
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  return {
    async ready() {
      if (!stale()) return;
      if (canRefresh()) return refresh();
      // An expiry we cannot act on may be wrong; let the vendor judge a token we still have.
      if (!tokens.accessToken) throw noToken(deps.actionKey, 'the connection has no OAuth2 access token');
    },
    apply(request) {
      request.headers.authorization = `Bearer ${tokens.accessToken}`;
    },
    async recover() {
      if (!canRefresh()) return false;
      await refresh();
      return true;
    },
    secrets: () =>
      [tokens.accessToken, tokens.refreshToken, tokens.clientSecret].filter((s): s is string => Boolean(s)),
  };
}

function refreshedTokens(tokens: OAuth2Value): RefreshedTokens {
  const { accessToken, refreshToken, expiresAt, scope } = tokens;
  return {
    accessToken,
    ...(refreshToken ? { refreshToken } : {}),
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(scope ? { scope } : {}),
  };
}

function readTokens(value: unknown): OAuth2Value {
  const tokens: OAuth2Value = {};
  for (const name of ['accessToken', 'refreshToken', 'clientId', 'clientSecret', 'scope'] as const) {
    const found = field(value, name);
    if (typeof found === 'string' && found) tokens[name] = found;
  }
  const expiresAt = field(value, 'expiresAt');
  if (typeof expiresAt === 'number') tokens.expiresAt = expiresAt;
  return tokens;
}

function noToken(actionKey: string | undefined, message: string): ConnectorError {
  return new ConnectorError(
    message,
    { kind: 'auth', actionKey },
    'Reconnect the account, or give the connection a refresh token or client credentials.',
  );
}
