import type { ActionContext } from '@mova/sdk';
import { Connection, type HttpRequest, type HttpRequestOptions } from 'jsforce';
import { Transport } from 'jsforce/lib/transport.js';
import type { SalesforceConnection } from './connection.js';
import { toConnectorError } from './errors.js';
import { retryPolicy } from './retry.js';

/**
 * Runs `call` with a jsforce connection for this org and turns any failure into a ConnectorError.
 * @example
 * const result = await callSalesforce(auth, ctx, (conn) => conn.sobject('Account').create({ Name: 'Acme' }));
 */
export async function callSalesforce<T>(
  auth: SalesforceConnection,
  ctx: ActionContext | undefined,
  call: (conn: Connection) => Promise<T>,
): Promise<T> {
  try {
    return await call(createConnection(auth, ctx));
  } catch (error) {
    throw toConnectorError(error, ctx?.actionKey);
  }
}

function createConnection(auth: SalesforceConnection, ctx: ActionContext | undefined): Connection {
  const canRefresh = auth.refreshToken !== undefined && auth.clientId !== undefined;
  const conn = new Connection({
    instanceUrl: withoutTrailingSlash(auth.instanceUrl),
    accessToken: auth.accessToken,
    version: auth.apiVersion,
    ...(canRefresh
      ? {
          refreshToken: auth.refreshToken,
          oauth2: {
            clientId: auth.clientId,
            clientSecret: auth.clientSecret,
            loginUrl: withoutTrailingSlash(auth.loginUrl),
          },
        }
      : {}),
  });
  // jsforce has no per-connection retry option; its transport is the one place every call passes.
  conn._transport = new RetryingTransport();
  conn.on('refresh', () =>
    ctx?.log('info', 'Salesforce access token refreshed; store a fresh token in the connection to skip this step'),
  );
  return conn;
}

// jsforce joins paths onto these URLs, so "https://acme.my.salesforce.com/" would yield "//services/…".
function withoutTrailingSlash(url: string): string {
  return url.replace(/\/$/, '');
}

class RetryingTransport extends Transport {
  override httpRequest(req: HttpRequest, options: HttpRequestOptions = {}) {
    return super.httpRequest(req, { retry: retryPolicy, ...options });
  }
}
