import { LambdaClient } from '@aws-sdk/client-lambda';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { awsClientConfig } from '@mova/sdk/aws';
import type { LambdaConnection } from './connection.js';
import { lambdaErrors } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

/** Opens a client for one call, runs `use` and destroys it (its sockets), mapping failures to ConnectorErrors. */
export async function withLambda<T>(
  connection: LambdaConnection,
  ctx: CallContext,
  use: (client: LambdaClient, options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  const client = new LambdaClient(
    awsClientConfig(connection, {
      connector: 'aws-lambda',
      assumeRole: fromTemporaryCredentials,
      actionKey: ctx.actionKey,
    }),
  );
  try {
    return await lambdaErrors.call(ctx.actionKey, () => use(client, ctx.signal ? { abortSignal: ctx.signal } : {}));
  } finally {
    client.destroy();
  }
}
