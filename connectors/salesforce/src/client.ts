import { type ActionContext, parseRetryAfter } from '@mova/sdk';
import { Connection, type HttpRequest, type HttpRequestOptions, type HttpResponse } from 'jsforce';
import { Transport } from 'jsforce/lib/transport.js';
import type { SalesforceConnection } from './connection.js';
import { type ErrorAnswer, toConnectorError } from './errors.js';
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
  const transport = new ConnectorTransport();
  try {
    return await call(createConnection(auth, ctx, transport));
  } catch (error) {
    throw toConnectorError(error, ctx?.actionKey, transport.lastErrorAnswer);
  }
}

function createConnection(
  auth: SalesforceConnection,
  ctx: ActionContext | undefined,
  transport: ConnectorTransport,
): Connection {
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
  conn._transport = transport;
  conn.on('refresh', () =>
    ctx?.log('info', 'Salesforce access token refreshed; store a fresh token in the connection to skip this step'),
  );
  return conn;
}

// jsforce joins paths onto these URLs, so "https://acme.my.salesforce.com/" would yield "//services/…".
function withoutTrailingSlash(url: string): string {
  return url.replace(/\/$/, '');
}

/**
 * jsforce's transport with the connector's retry policy. It also keeps the status and Retry-After of the
 * latest answer that was not a success (jsforce throws on 300 too): jsforce's errors carry only the body's
 * code and message, and the runtime needs Retry-After to schedule the next try. jsforce throws right after
 * reading the answer, and the calls of one action run one after another (the bulk results, read together,
 * at worst lose the status), so the latest answer is the one behind the error.
 */
class ConnectorTransport extends Transport {
  lastErrorAnswer: ErrorAnswer | undefined;

  override httpRequest(req: HttpRequest, options: HttpRequestOptions = {}) {
    const pending = super.httpRequest(req, { retry: retryPolicy, ...options });
    pending.then(
      (response) => {
        this.lastErrorAnswer = response.statusCode >= 300 ? errorAnswer(response) : undefined;
      },
      // The caller sees the rejection; this branch only keeps the observer from raising it twice.
      () => undefined,
    );
    return pending;
  }
}

function errorAnswer(response: HttpResponse): ErrorAnswer {
  const retryAfter = parseRetryAfter(response.headers['retry-after']);
  return { status: response.statusCode, ...(retryAfter === undefined ? {} : { retryAfter }) };
}
