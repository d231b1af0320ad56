import { ConnectorError, parseRetryAfter } from '@mova/sdk';
import type { ServiceNow } from './client.js';
import type { ServiceNowConnection } from './connection.js';
import { serviceNowErrors, serviceNowMessage } from './errors.js';

/**
 * The Authorization header for a request the SDK's HTTP client cannot send (bytes, see `postBytes`):
 * basic, the connection's access token, or one fetched with the client credentials grant.
 */
async function authorization(api: ServiceNow, connection: ServiceNowConnection): Promise<string> {
  if (connection.username && connection.password) {
    return `Basic ${Buffer.from(`${connection.username}:${connection.password}`, 'utf8').toString('base64')}`;
  }
  const fresh = connection.expiresAt === undefined || connection.expiresAt * 1000 > Date.now() + 30_000;
  if (connection.accessToken && fresh) return `Bearer ${connection.accessToken}`;
  const grant: Record<string, string> = connection.refreshToken
    ? { grant_type: 'refresh_token', refresh_token: connection.refreshToken }
    : { grant_type: 'client_credentials' };
  const { data } = await api.http.post<{ access_token?: string }>('/oauth_token.do', {
    form: { ...grant, client_id: connection.clientId ?? '', client_secret: connection.clientSecret ?? '' },
  });
  if (!data.access_token) {
    throw new ConnectorError('the instance gave no access token', { kind: 'auth', actionKey: api.actionKey });
  }
  return `Bearer ${data.access_token}`;
}

/**
 * POSTs raw bytes with `fetch`: the SDK's HTTP client sends text bodies only, and an attachment is
 * bytes. Failures are classified like the client's (status, ServiceNow's message, Retry-After).
 */
export async function postBytes(
  api: ServiceNow,
  connection: ServiceNowConnection,
  path: string,
  bytes: Buffer,
  contentType: string,
): Promise<unknown> {
  const headers = {
    authorization: await authorization(api, connection),
    'content-type': contentType,
    accept: 'application/json',
  };
  let response: Response;
  try {
    response = await fetch(`${api.instanceUrl}${path}`, { method: 'POST', body: bytes, headers, signal: api.signal });
  } catch (error) {
    throw (
      serviceNowErrors.from(error, api.actionKey) ??
      new ConnectorError(`cannot reach ServiceNow: ${(error as Error).message}`, {
        kind: 'transient',
        actionKey: api.actionKey,
        cause: error,
      })
    );
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    data = text;
  }
  if (!response.ok) {
    throw serviceNowErrors.fromFailure(
      {
        status: response.status,
        vendorMessage: serviceNowMessage(data) ?? (text.slice(0, 300) || undefined),
        retryAfter: parseRetryAfter(response.headers.get('retry-after') ?? undefined),
      },
      api.actionKey,
    );
  }
  return data;
}
