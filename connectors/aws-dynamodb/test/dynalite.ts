import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';

export const KEYS = { accessKeyId: 'AKIAMOVADYNAMOTEST01', secretAccessKey: 'dynalite-secret' };

export interface DynamoReference {
  /** `http://127.0.0.1:<port>`, what a connection's endpoint names. */
  url: string;
  /** A document client of the test's own, outside the sandbox, to look at what the table holds. */
  direct: DynamoDBDocumentClient;
  close(): Promise<void>;
}

/**
 * dynalite (npm), DynamoDB's JSON API on an in-memory LevelDB (memory-level), on a free loopback
 * port, with an `orders` table: partition key customerId (S), sort key orderId (N), and a global
 * secondary index `status-index` (status, orderId).
 */
export async function startDynalite(): Promise<DynamoReference> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ region: 'eu-central-1', endpoint: url, credentials: KEYS });
  await client.send(
    new CreateTableCommand({
      TableName: 'orders',
      AttributeDefinitions: [
        { AttributeName: 'customerId', AttributeType: 'S' },
        { AttributeName: 'orderId', AttributeType: 'N' },
        { AttributeName: 'status', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'customerId', KeyType: 'HASH' },
        { AttributeName: 'orderId', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'status-index',
          KeySchema: [
            { AttributeName: 'status', KeyType: 'HASH' },
            { AttributeName: 'orderId', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const direct = DynamoDBDocumentClient.from(client, { unmarshallOptions: { wrapNumbers: false } });
  return {
    url,
    direct,
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
