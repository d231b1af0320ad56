import {
  type ActionContext,
  Auth,
  ConnectorError,
  createHttpClient,
  type HttpAuth,
  type HttpClient,
  serviceUrlOf,
} from '@mova/sdk';
import type { ServiceNowConnection } from './connection.js';
import { serviceNowErrors } from './errors.js';

export interface ServiceNow {
  http: HttpClient;
  instanceUrl: string;
  actionKey?: string;
  signal?: AbortSignal;
}

function invalid(message: string, actionKey: string | undefined, hint: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}

/** The HTTP client's auth for this connection: basic, or OAuth 2.0 against the instance's token endpoint. */
export function authOf(connection: ServiceNowConnection, instanceUrl: string, actionKey?: string): HttpAuth {
  if (connection.username || connection.password) {
    if (!connection.username || !connection.password) {
      throw invalid('basic auth needs both username and password', actionKey, 'Fix the ServiceNow connection.');
    }
    return { definition: Auth.basic(), value: { username: connection.username, password: connection.password } };
  }
  const canFetch = Boolean(connection.clientId && connection.clientSecret);
  if (!connection.accessToken && !canFetch) {
    throw invalid(
      'the ServiceNow connection has neither username and password nor an OAuth token or client',
      actionKey,
      'Give username and password, an accessToken, or clientId and clientSecret (client credentials grant).',
    );
  }
  return {
    definition: Auth.oauth2({ flows: ['client_credentials'], tokenUrl: `${instanceUrl}/oauth_token.do` }),
    value: {
      accessToken: connection.accessToken,
      refreshToken: connection.refreshToken,
      clientId: connection.clientId,
      clientSecret: connection.clientSecret,
      expiresAt: connection.expiresAt,
    },
  };
}

export function serviceNow(
  connection: ServiceNowConnection,
  ctx?: Pick<ActionContext, 'signal' | 'actionKey'>,
): ServiceNow {
  let instanceUrl: string;
  try {
    instanceUrl = serviceUrlOf(connection.instanceUrl, '');
  } catch (cause) {
    throw invalid(
      `the instance URL is not usable: ${(cause as Error).message}`,
      ctx?.actionKey,
      'Give the instance as https://<instance>.service-now.com.',
    );
  }
  return {
    http: createHttpClient({
      baseUrl: instanceUrl,
      auth: authOf(connection, instanceUrl, ctx?.actionKey),
      signal: ctx?.signal,
      actionKey: ctx?.actionKey,
      userAgent: 'mova-connector-servicenow',
    }),
    instanceUrl,
    actionKey: ctx?.actionKey,
    signal: ctx?.signal,
  };
}

/** Runs ServiceNow calls; failures leave as ConnectorErrors with ServiceNow's own message. */
export function withServiceNow<T>(
  connection: ServiceNowConnection,
  ctx: Pick<ActionContext, 'signal' | 'actionKey'> | undefined,
  use: (api: ServiceNow) => Promise<T>,
): Promise<T> {
  return serviceNowErrors.call(ctx?.actionKey, () => use(serviceNow(connection, ctx)));
}

/** The record's form in the instance's UI. */
export function recordUrl(api: Pick<ServiceNow, 'instanceUrl'>, table: string, sysId: string): string {
  return `${api.instanceUrl}/nav_to.do?uri=${encodeURIComponent(`${table}.do?sys_id=${sysId}`)}`;
}
