import { type ActionContext, ConnectorError, createHttpClient, type HttpClient, serviceUrlOf } from '@mova/sdk';
import { type PagerdutyConnection, REGIONS } from './connection.js';
import { pagerdutyErrors } from './errors.js';

type CallContext = Pick<ActionContext, 'signal' | 'actionKey'> | undefined;

/** The REST API root of the connection: its apiUrl, or its region's. */
export function apiRoot(connection: PagerdutyConnection): string {
  return serviceUrlOf(connection.apiUrl, REGIONS[connection.region ?? 'us'].api);
}

/** The Events API root of the connection: its eventsUrl, or its region's. */
export function eventsRoot(connection: PagerdutyConnection): string {
  return serviceUrlOf(connection.eventsUrl, REGIONS[connection.region ?? 'us'].events);
}

/**
 * Runs `call` with a REST API v2 client: the versioned Accept header, the token, and on writes the
 * From header (an account API key must name the user acting). Failures leave as ConnectorErrors.
 * @example
 * const { data } = await withRest(auth, ctx, (http) => http.get('/incidents/PT4KHLK'));
 */
export async function withRest<T>(
  connection: PagerdutyConnection,
  ctx: CallContext,
  call: (http: HttpClient) => Promise<T>,
  options: { write?: boolean } = {},
): Promise<T> {
  return pagerdutyErrors.call(ctx?.actionKey, async () => {
    if (!connection.apiToken) {
      throw new ConnectorError(
        'the PagerDuty connection has no apiToken, which the REST API needs',
        { kind: 'invalid_input', actionKey: ctx?.actionKey },
        'Add a REST API key (Integrations > API Access Keys) or an OAuth token to the connection.',
      );
    }
    const authorization =
      connection.tokenType === 'oauth' ? `Bearer ${connection.apiToken}` : `Token token=${connection.apiToken}`;
    const http = createHttpClient({
      baseUrl: apiRoot(connection),
      headers: {
        accept: 'application/vnd.pagerduty+json;version=2',
        authorization,
        ...(options.write && connection.from ? { from: connection.from } : {}),
      },
      signal: ctx?.signal,
      actionKey: ctx?.actionKey,
    });
    return call(http);
  });
}

/**
 * Runs `call` with an Events API v2 client (no credentials: the routing key travels in each event).
 */
export async function withEvents<T>(
  connection: PagerdutyConnection,
  ctx: CallContext,
  call: (http: HttpClient) => Promise<T>,
): Promise<T> {
  return pagerdutyErrors.call(ctx?.actionKey, async () => {
    const http = createHttpClient({ baseUrl: eventsRoot(connection), signal: ctx?.signal, actionKey: ctx?.actionKey });
    return call(http);
  });
}

/** The routing key an event goes to: the action's, else the connection's default. */
export function routingKeyOf(given: string | undefined, connection: PagerdutyConnection, actionKey: string): string {
  const key = given ?? connection.routingKey;
  if (key) return key;
  throw new ConnectorError(
    'no routing key: give routingKey in the step or a default routingKey in the PagerDuty connection',
    { kind: 'invalid_input', actionKey },
    "Copy the Integration Key of the service's Events API v2 integration (Service > Integrations).",
  );
}
