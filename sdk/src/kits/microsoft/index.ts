/**
 * `@mova/sdk/microsoft`: what every Microsoft Graph connector (Teams, Outlook, OneDrive …) shares.
 * The OAuth 2.0 auth with Graph's connection fields (tenant, national cloud, Graph and sign-in
 * overrides), which credentials a connection uses (a signed-in user's tokens, or an app's client
 * credentials), a refreshing token source for signed-in users, the `withGraph` runner (bearer,
 * throttling and error mapping around a Graph SDK client), Graph paging, and Graph's error codes as
 * ConnectorError kinds. It adds no dependency: the connector brings @microsoft/microsoft-graph-client
 * and @azure/identity, hands their classes to `graphRunner`, and what they throw in.
 */

export {
  type ClientCredentials,
  type GraphBearerMiddleware,
  type GraphMiddleware,
  type GraphMiddlewareContext,
  graphBearerMiddleware,
  graphTokenProvider,
  type TokenCredentialLike,
} from './client.js';
export { GRAPH_CLOUDS, GRAPH_HOSTS, type GraphCloud, isGraphCloud } from './clouds.js';
export {
  type GraphConnection,
  type GraphCredentials,
  type GraphEndpoints,
  graphAuth,
  graphConnectionOf,
  graphConnectionProperties,
  graphCredentialsOf,
  graphEndpointsOf,
} from './connection.js';
export { GRAPH_CODE_KINDS, graphErrorMapping, graphFailure } from './errors.js';
export {
  type GraphPage,
  type GraphSdk,
  type GraphSelectable,
  graphConnectionTest,
  graphRunner,
  nextPageToken,
  type WithGraph,
} from './graph-runner.js';
export { type DelegatedTokenSource, delegatedTokenSource } from './token.js';
