import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClientConfig } from '@mova/sdk/aws';
import type { DynamoDbConnection } from './connection.js';
import { dynamoErrors } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

export interface DynamoDb {
  /** The low-level client (tables, and what works on AttributeValues). */
  client: DynamoDBClient;
  /** The document client: items as plain values, marshalled both ways. */
  documents: DynamoDBDocumentClient;
}

/**
 * Opens the clients for one call, runs `use` and destroys them (their sockets), mapping failures
 * to ConnectorErrors. Numbers come back wrapped (NumberValue) so none loses precision; `toJson`
 * turns them into JSON.
 */
export async function withDynamoDb<T>(
  connection: DynamoDbConnection,
  ctx: CallContext,
  use: (db: DynamoDb, options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  const client = new DynamoDBClient(
    awsClientConfig(connection, {
      connector: 'aws-dynamodb',
      assumeRole: fromTemporaryCredentials,
      actionKey: ctx.actionKey,
    }),
  );
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
    unmarshallOptions: { wrapNumbers: true },
  });
  try {
    return await dynamoErrors.call(ctx.actionKey, () =>
      use({ client, documents }, ctx.signal ? { abortSignal: ctx.signal } : {}),
    );
  } finally {
    client.destroy();
  }
}
