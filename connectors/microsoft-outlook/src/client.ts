import { ClientSecretCredential } from '@azure/identity';
import { Client, HTTPMessageHandler, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { graphErrorMapping, graphRunner } from '@mova/sdk/microsoft';

export { type GraphPage, nextPageToken } from '@mova/sdk/microsoft';

export const outlookErrors = graphErrorMapping('Outlook');

/**
 * Runs `work` with a Graph client for this connection; failures leave as ConnectorErrors.
 * @example
 * const page = await withGraph(auth, ctx, (graph) => graph.api('/me/messages').top(10).get());
 */
export const withGraph = graphRunner(outlookErrors, {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  ClientSecretCredential,
});
