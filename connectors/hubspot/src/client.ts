import { Client } from '@hubspot/api-client';
import { type ActionContext, serviceUrlOf } from '@mova/sdk';
import { HUBSPOT_API_URL, type HubSpotConnection } from './connection.js';
import { hubspotErrors } from './errors.js';

/** Renew an OAuth access token this long before HubSpot says it expires. */
const EXPIRY_MARGIN_S = 60;

/**
 * Runs `call` with a HubSpot client for this connection and turns any failure into a ConnectorError.
 * With OAuth refresh fields, a missing or stale access token is renewed first, and a 401 once more.
 * @example
 * const contact = await callHubSpot(auth, ctx, (hs) => hs.crm.objects.basicApi.getById('contacts', '51'));
 */
export async function callHubSpot<T>(
  auth: HubSpotConnection,
  ctx: ActionContext | undefined,
  call: (hubspot: Client) => Promise<T>,
): Promise<T> {
  return hubspotErrors.call(ctx?.actionKey, async () => {
    const basePath = serviceUrlOf(auth.apiUrl, HUBSPOT_API_URL);
    const canRefresh =
      auth.refreshToken !== undefined && auth.clientId !== undefined && auth.clientSecret !== undefined;
    const stale = auth.expiresAt !== undefined && auth.expiresAt - EXPIRY_MARGIN_S <= Date.now() / 1000;
    let accessToken = auth.accessToken;
    if (canRefresh && (accessToken === undefined || stale)) accessToken = await refresh(auth, basePath, ctx);
    try {
      return await call(createClient(basePath, accessToken));
    } catch (error) {
      if (!canRefresh || statusOf(error) !== 401) throw error;
      return call(createClient(basePath, await refresh(auth, basePath, ctx)));
    }
  });
}

function createClient(basePath: string, accessToken: string | undefined): Client {
  // No SDK retries: a 429 becomes a rate_limit error with Retry-After, and the runtime schedules the retry.
  return new Client({ basePath, ...(accessToken ? { accessToken } : {}), numberOfApiCallRetries: 0 });
}

/** The refresh_token grant of POST /oauth/v1/token; HubSpot keeps the refresh token the same. */
async function refresh(auth: HubSpotConnection, basePath: string, ctx: ActionContext | undefined): Promise<string> {
  const tokens = await createClient(basePath, undefined).oauth.tokensApi.create(
    'refresh_token',
    undefined,
    undefined,
    auth.clientId,
    auth.clientSecret,
    auth.refreshToken,
  );
  ctx?.log('info', 'HubSpot access token renewed with the refresh token');
  return tokens.accessToken;
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? error.code
    : undefined;
}
