import { type ActionContext, serviceUrlOf } from '@mova/sdk';
import { ApiClient, ProjectsApi, StoriesApi, TasksApi, UsersApi } from 'asana';
import { ASANA_API_URL, type AsanaConnection } from './connection.js';
import { asanaErrors } from './errors.js';

/** Renew an OAuth access token this long before it expires. */
const EXPIRY_MARGIN_S = 60;

/** The Asana SDK's API classes, on one client for this connection. */
export interface AsanaApis {
  tasks: TasksApi;
  projects: ProjectsApi;
  stories: StoriesApi;
  users: UsersApi;
}

/**
 * Runs `call` with the Asana SDK (v3) for this connection and turns failures into ConnectorErrors. With OAuth
 * refresh fields, a missing or stale access token is renewed first, and a 401 once more.
 * @example
 * const task = await callAsana(auth, ctx, ({ tasks }) => tasks.getTask('1204', {}));
 */
export async function callAsana<T>(
  auth: AsanaConnection,
  ctx: ActionContext | undefined,
  call: (asana: AsanaApis) => Promise<T>,
): Promise<T> {
  return asanaErrors.call(ctx?.actionKey, async () => {
    const basePath = serviceUrlOf(auth.apiUrl, ASANA_API_URL);
    const canRefresh =
      auth.refreshToken !== undefined && auth.clientId !== undefined && auth.clientSecret !== undefined;
    const stale = auth.expiresAt !== undefined && auth.expiresAt - EXPIRY_MARGIN_S <= Date.now() / 1000;
    let token = auth.accessToken;
    if (canRefresh && (token === undefined || stale)) token = await refresh(auth, basePath, ctx);
    try {
      return await call(apis(basePath, token ?? ''));
    } catch (error) {
      if (!canRefresh || !(error instanceof Error) || !('status' in error) || error.status !== 401) throw error;
      return call(apis(basePath, await refresh(auth, basePath, ctx)));
    }
  });
}

function apis(basePath: string, token: string): AsanaApis {
  const client = new ApiClient();
  client.basePath = basePath;
  // The SDK's one security scheme, a bearer token (personal access token or OAuth).
  client.authentications = { token: { type: 'personalAccessToken', accessToken: token } };
  // Lists come back as Asana sends them ({ data, next_page }), paged by the connector's own loop.
  client.RETURN_COLLECTION = false;
  client.timeout = 30_000;
  return {
    tasks: new TasksApi(client),
    projects: new ProjectsApi(client),
    stories: new StoriesApi(client),
    users: new UsersApi(client),
  };
}

/**
 * The refresh_token grant at /-/oauth_token on the API's host. The SDK (v3) has no OAuth helper, so this
 * one form POST goes through fetch; its failure reads like an SDK one for the error mapping.
 */
async function refresh(auth: AsanaConnection, basePath: string, ctx: ActionContext | undefined): Promise<string> {
  const response = await fetch(new URL('/-/oauth_token', basePath), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: auth.clientId ?? '',
      client_secret: auth.clientSecret ?? '',
      refresh_token: auth.refreshToken ?? '',
    }),
    ...(ctx?.signal ? { signal: ctx.signal } : {}),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok || typeof body !== 'object' || body === null || !('access_token' in body)) {
    throw Object.assign(new Error(`Asana refused to renew the access token (HTTP ${response.status})`), {
      status: response.ok ? 502 : response.status,
      response: { body, headers: Object.fromEntries(response.headers) },
    });
  }
  ctx?.log('info', 'Asana access token renewed with the refresh token');
  return String(body.access_token);
}
