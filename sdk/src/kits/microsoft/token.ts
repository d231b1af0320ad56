import { rootCertificates } from 'node:tls';
import type { OAuth2Value } from '../../auth.js';
import { ConnectorError } from '../../errors.js';
import { createHttpClient } from '../../http/client.js';
import { httpResponseOf } from '../../http/response-of.js';
import type { GraphCredentials } from './connection.js';

// Refresh a minute early, so a token does not expire between the check and Graph's.
const EXPIRY_SKEW_SECONDS = 60;

/** Gives a signed-in user's access token, refreshing it with the refresh token when stale or refused. */
export interface DelegatedTokenSource {
  /** A usable access token; `force` refreshes even one that looks fresh (after Graph refused it). */
  getToken(force?: boolean): Promise<string>;
  /** Whether a refused token can be replaced. */
  readonly canRefresh: boolean;
}

/**
 * The token source of a delegated (authorization code) connection. Refreshing posts the refresh
 * token grant to the tenant's v2.0 token endpoint through the SDK's HTTP client; Microsoft rotates
 * refresh tokens, so `onRefresh` hands the new set to the host to store.
 */
export function delegatedTokenSource(
  credentials: Extract<GraphCredentials, { kind: 'delegated' }>,
  options: { signal?: AbortSignal; actionKey?: string; onRefresh?: (tokens: OAuth2Value) => void | Promise<void> } = {},
): DelegatedTokenSource {
  let current = { ...credentials };
  let refreshing: Promise<string> | undefined;
  const fresh = () =>
    current.accessToken !== undefined &&
    (current.expiresAt === undefined || current.expiresAt - EXPIRY_SKEW_SECONDS > Date.now() / 1000);

  const refresh = async (): Promise<string> => {
    const { refreshToken, clientId } = current;
    if (!refreshToken || !clientId) {
      throw new ConnectorError(
        'The Microsoft access token expired and the connection has no refresh token',
        { kind: 'auth', actionKey: options.actionKey },
        'Reconnect the Microsoft account.',
      );
    }
    const form: Record<string, string> = {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: clientId,
    };
    if (current.clientSecret) form.client_secret = current.clientSecret;
    if (current.scope) form.scope = current.scope;
    const http = createHttpClient({
      signal: options.signal,
      actionKey: options.actionKey,
      retry: { attempts: 2 },
      ...(current.caCertificate ? { dispatcher: await caDispatcher(current.caCertificate) } : {}),
    });
    let data: { access_token?: string; refresh_token?: string; expires_in?: number; scope?: string };
    try {
      ({ data } = await http.post(current.tokenUrl, { form }));
    } catch (error) {
      throw tokenError(error, options.actionKey);
    }
    if (!data.access_token) {
      throw new ConnectorError('Microsoft Entra ID answered the refresh without an access token', {
        kind: 'auth',
        actionKey: options.actionKey,
      });
    }
    current = {
      ...current,
      accessToken: data.access_token,
      refreshToken: data.refresh_token ?? refreshToken,
      expiresAt: typeof data.expires_in === 'number' ? Math.floor(Date.now() / 1000) + data.expires_in : undefined,
      scope: data.scope ?? current.scope,
    };
    await options.onRefresh?.({
      accessToken: current.accessToken,
      refreshToken: current.refreshToken,
      expiresAt: current.expiresAt,
      scope: current.scope,
    });
    return data.access_token;
  };

  return {
    canRefresh: Boolean(credentials.refreshToken && credentials.clientId),
    async getToken(force = false) {
      const token = current.accessToken;
      // A token without a refresh token is used as it is: only Graph can say it no longer works.
      if (!force && token && (fresh() || !current.refreshToken)) return token;
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },
  };
}

/**
 * fetch takes no TLS options, so a CA of the connection's own needs an undici Agent: imported only
 * then, so other connections never load undici. The public CAs stay trusted beside it (Node
 * replaces them otherwise).
 */
async function caDispatcher(caCertificate: string) {
  const { Agent } = await import('undici');
  return new Agent({ connect: { ca: [...rootCertificates, caCertificate] } });
}

/**
 * A refused refresh as an `auth` failure with Entra's own words (`AADSTS70008: The provided
 * authorization code or refresh token has expired…`); an unreachable endpoint stays as it is.
 */
function tokenError(error: unknown, actionKey: string | undefined): unknown {
  const response = httpResponseOf(error);
  if (!response) return error;
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as {
    error?: string;
    error_description?: string;
  };
  if (response.status >= 500 || response.status === 429) return error;
  const words = body.error_description?.split('\r\n')[0] ?? body.error ?? `HTTP ${response.status}`;
  return new ConnectorError(
    `Microsoft Entra ID refused the refresh token: ${words}`,
    { kind: 'auth', status: response.status, vendorMessage: words, actionKey, cause: error },
    'Reconnect the Microsoft account: the refresh token expired, was revoked, or belongs to another app or tenant.',
  );
}
