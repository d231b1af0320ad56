import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDynamoDb } from '../client.js';
import { invalidInput } from '../errors.js';
import { itemField, keyField, tableField } from '../schemas.js';

/** BatchWriteItem takes at most 25 put or delete requests. */
const BATCH = 25;
/** Tries for unprocessed requests after the first, backing off 100 ms, 200 ms … 3.2 s (about 6 s in all). */
const RETRIES = 6;

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

export const batchWrite = defineAction({
  auth,
  key: 'items.batchWrite',
  title: 'Batch write items',
  description:
    'Puts and deletes many items of a table (BatchWriteItem), 25 per request; requests DynamoDB leaves unprocessed (throttling) are sent again with exponential backoff. Each write is atomic on its own, the batch is not; no condition expressions.',
  input: Type.Object({
    table: tableField(),
    put: Type.Array(itemField('A whole item, primary key included; replaces any item with that key'), {
      default: [],
      maxItems: 1000,
      description: 'Items to put (create or replace)',
    }),
    delete: Type.Array(keyField('Primary key of an item to delete'), {
      default: [],
      maxItems: 1000,
      description: 'Keys of items to delete',
    }),
  }),
  output: Type.Object({
    put: Type.Integer({ minimum: 0, description: 'Items put' }),
    deleted: Type.Integer({ minimum: 0, description: 'Delete requests carried out (a missing key counts too)' }),
    requests: Type.Integer({
      minimum: 0,
      description: 'BatchWriteItem requests sent, retries of unprocessed items included',
    }),
  }),
  examples: [
    {
      title: 'Load two orders and drop a cancelled one',
      input: {
        table: 'orders',
        put: [
          { customerId: 'c-18', orderId: 2001, status: 'paid', total: 12 },
          { customerId: 'c-18', orderId: 2002, status: 'open', total: 130 },
        ],
        delete: [{ customerId: 'c-17', orderId: 999 }],
      },
      output: { put: 2, deleted: 1, requests: 1 },
    },
  ],
  async run({ input, auth, ctx }) {
    const writes: WriteRequest[] = [
      ...input.put.map((item) => ({ PutRequest: { Item: item } })),
      ...input.delete.map((key) => ({ DeleteRequest: { Key: key } })),
    ];
    if (writes.length === 0) throw invalidInput('put and delete are both empty: nothing to write', ctx.actionKey);
    let requests = 0;
    await withDynamoDb(auth, ctx, async ({ documents }, options) => {
      for (let start = 0; start < writes.length; start += BATCH) {
        let pending = writes.slice(start, start + BATCH);
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > RETRIES) {
            throw new ConnectorError(
              `Amazon DynamoDB left ${pending.length} of the batch's writes unprocessed after ${RETRIES} retries`,
              { kind: 'rate_limit', actionKey: ctx.actionKey },
              "The table's write capacity is exhausted; the step can run again (puts and deletes repeat safely), or raise the capacity.",
            );
          }
          if (attempt > 0) await sleep(100 * 2 ** (attempt - 1), undefined, { signal: ctx.signal });
          requests++;
          const answer = await documents.send(
            new BatchWriteCommand({ RequestItems: { [input.table]: pending } }),
            options,
          );
          pending = (answer.UnprocessedItems?.[input.table] ?? []).flatMap(asWrite);
        }
      }
    });
    return { put: input.put.length, deleted: input.delete.length, requests };
  },
});

/** An unprocessed request as the document client gives it back, as a request to send again. */
function asWrite(request: {
  PutRequest?: { Item?: Record<string, unknown> };
  DeleteRequest?: { Key?: Record<string, unknown> };
}): WriteRequest[] {
  if (request.PutRequest?.Item) return [{ PutRequest: { Item: request.PutRequest.Item } }];
  if (request.DeleteRequest?.Key) return [{ DeleteRequest: { Key: request.DeleteRequest.Key } }];
  return [];
}
