import { SNSClient } from '@aws-sdk/client-sns';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { awsClientConfig } from '@mova/sdk/aws';
import type { SnsConnection } from './connection.js';
import { snsErrors } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

/** Opens a client for one call, runs `use` and destroys it (its sockets), mapping failures to ConnectorErrors. */
export async function withSns<T>(
  connection: SnsConnection,
  ctx: CallContext,
  use: (client: SNSClient, options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  const client = new SNSClient(
    awsClientConfig(connection, {
      connector: 'aws-sns',
      assumeRole: fromTemporaryCredentials,
      actionKey: ctx.actionKey,
    }),
  );
  try {
    return await snsErrors.call(ctx.actionKey, () => use(client, ctx.signal ? { abortSignal: ctx.signal } : {}));
  } finally {
    client.destroy();
  }
}
