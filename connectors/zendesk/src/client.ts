import { type ActionContext, Auth, ConnectorError, createHttpClient, type HttpClient, serviceUrlOf } from '@mova/sdk';
import { connectionFields, type ZendeskConnection } from './connection.js';
import { zendeskErrors } from './errors.js';

/**
 * The connection's fields as an auth definition, for the client to know which values are secrets and
 * cut them out of error messages; the credentials themselves go in the `authorization` header below.
 */
const credentials = Auth.custom({ fields: connectionFields });

/** The account's API root: `https://<subdomain>.zendesk.com`, or the connection's apiUrl. */
export function apiRoot(connection: ZendeskConnection): string {
  return serviceUrlOf(connection.apiUrl, `https://${connection.subdomain}.zendesk.com`);
}

/**
 * An HTTP client for the account's Support API (`/api/v2`), with the connection's credentials. Zendesk
 * has no maintained official Node SDK (node-zendesk is a third-party library), so this is the SDK's
 * HTTP helper: retries, Retry-After, timeouts and error classification come with it.
 * @example
 * const { data } = await zendesk(auth, ctx).get<{ ticket: Ticket }>('/tickets/35436.json');
 */
export function zendesk(connection: ZendeskConnection, ctx: ActionContext | undefined): HttpClient {
  return createHttpClient({
    baseUrl: `${apiRoot(connection)}/api/v2`,
    auth: { definition: credentials, value: connection },
    headers: { authorization: authorization(connection, ctx?.actionKey) },
    signal: ctx?.signal,
    actionKey: ctx?.actionKey,
  });
}

/** Runs `call` and maps Zendesk's error bodies (`RecordNotFound`, `RecordInvalid`, …) onto the error kinds. */
export function callZendesk<T>(
  connection: ZendeskConnection,
  ctx: ActionContext | undefined,
  call: (http: HttpClient) => Promise<T>,
): Promise<T> {
  return zendeskErrors.call(ctx?.actionKey, () => call(zendesk(connection, ctx)));
}

function authorization(connection: ZendeskConnection, actionKey: string | undefined): string {
  if (connection.accessToken) return `Bearer ${connection.accessToken}`;
  if (connection.email && connection.apiToken) {
    const pair = `${connection.email}/token:${connection.apiToken}`;
    return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  }
  throw new ConnectorError(
    'The Zendesk connection has neither an OAuth access token nor an email and API token',
    { kind: 'auth', actionKey },
    'Add the agent’s email and an API token, or an OAuth access token, to the connection.',
  );
}
