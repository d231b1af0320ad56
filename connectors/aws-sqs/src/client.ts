import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { awsClientConfig } from '@mova/sdk/aws';
import type { SqsConnection } from './connection.js';
import { sqsErrors } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

export interface Sqs {
  client: SQSClient;
  options: { abortSignal?: AbortSignal };
  /** The URL of a queue given by URL or by name (GetQueueUrl). */
  queueUrl(queue: string): Promise<string>;
}

/**
 * Opens a client for one call, runs `use` and destroys it (its sockets), mapping failures to
 * ConnectorErrors. Without a custom endpoint the SDK sends each request to the host of its queue
 * URL, which is how AWS's queue URLs name their region.
 */
export async function withSqs<T>(
  connection: SqsConnection,
  ctx: CallContext,
  use: (sqs: Sqs) => Promise<T>,
): Promise<T> {
  const client = new SQSClient({
    ...awsClientConfig(connection, {
      connector: 'aws-sqs',
      assumeRole: fromTemporaryCredentials,
      actionKey: ctx.actionKey,
    }),
    // The SDK warns on the console whenever a queue URL's host differs from the regional endpoint.
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  const options = ctx.signal ? { abortSignal: ctx.signal } : {};
  const queueUrl = async (queue: string) =>
    isUrl(queue) ? queue : ((await client.send(new GetQueueUrlCommand({ QueueName: queue }), options)).QueueUrl ?? '');
  try {
    return await sqsErrors.call(ctx.actionKey, () => use({ client, options, queueUrl }));
  } finally {
    client.destroy();
  }
}

function isUrl(queue: string): boolean {
  return /^https?:\/\//.test(queue);
}
