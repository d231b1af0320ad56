import type { QueueItem } from '@azure/storage-queue';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { queueService } from '../client.js';
import { queueCall } from '../errors.js';

export const listQueues = defineAction({
  auth,
  key: 'queues.list',
  title: 'List queues',
  description:
    "Lists the account's queues (List Queues), optionally by name prefix and with their metadata, a page at a time: pass continuationToken back for the next page.",
  input: Type.Object({
    prefix: Type.Optional(Type.String({ minLength: 1, description: 'Only queues whose name starts with this' })),
    includeMetadata: Type.Boolean({ default: false, description: "Include each queue's metadata (default false)" }),
    limit: Type.Integer({ minimum: 1, maximum: 5000, default: 100, description: 'Queues per page (default 100)' }),
    continuationToken: Type.Optional(
      Type.String({ minLength: 1, description: 'continuationToken of the previous page' }),
    ),
  }),
  output: Type.Object({
    queues: Type.Array(
      Type.Object({
        name: Type.String({ description: 'Queue name' }),
        metadata: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Metadata, when asked for' })),
      }),
      { description: 'Queues on this page, by name' },
    ),
    continuationToken: Type.Optional(
      Type.String({ description: 'Pass back for the next page; absent on the last page' }),
    ),
  }),
  examples: [{ title: 'Order queues', input: { prefix: 'orders-' } }],
  async run({ input, auth, ctx }) {
    const page = await queueCall(ctx.actionKey, async () => {
      const pages = queueService(auth, ctx.actionKey)
        .listQueues({ prefix: input.prefix, includeMetadata: input.includeMetadata, abortSignal: ctx.signal })
        .byPage({ maxPageSize: input.limit, continuationToken: input.continuationToken });
      return (await pages.next()).value;
    });
    return {
      queues: (page?.queueItems ?? []).map((queue: QueueItem) => ({
        name: queue.name,
        ...(input.includeMetadata ? { metadata: queue.metadata ?? {} } : {}),
      })),
      ...(page?.continuationToken ? { continuationToken: page.continuationToken } : {}),
    };
  },
});
