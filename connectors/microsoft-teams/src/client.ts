import { ClientSecretCredential } from '@azure/identity';
import {
  Client,
  type GraphRequest,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
} from '@microsoft/microsoft-graph-client';
import { type GraphPage, graphErrorMapping, graphRunner, nextPageToken } from '@mova/sdk/microsoft';

export { type GraphPage, nextPageToken } from '@mova/sdk/microsoft';

export const teamsErrors = graphErrorMapping('Microsoft Teams');

/**
 * Runs `work` with a Graph client for this connection; failures leave as ConnectorErrors.
 * @example
 * const teams = await withGraph(auth, ctx, (graph) => graph.api('/me/joinedTeams').get());
 */
export const withGraph = graphRunner(teamsErrors, {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  ClientSecretCredential,
});

/**
 * Every item of a collection, following nextLink's query on the same path, up to `max`. `first`
 * shapes the first request ($filter, $select); later ones carry nextLink's query, which repeats it.
 */
export async function readAll<T>(
  graph: Client,
  path: string,
  first: (request: GraphRequest) => GraphRequest = (request) => request,
  max = 1000,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const request = graph.api(path);
    const page: GraphPage<T> = await (token ? request.query(token) : first(request)).get();
    items.push(...page.value);
    token = nextPageToken(page);
  } while (token && items.length < max);
  return items.slice(0, max);
}
