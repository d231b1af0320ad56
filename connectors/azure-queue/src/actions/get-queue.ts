import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { queueService } from '../client.js';
import { queueCall } from '../errors.js';
import { queueField } from '../schemas.js';

export const getQueue = defineAction({
  auth,
  key: 'queues.get',
  title: 'Get queue details',
  description: "Reads a queue's approximate message count and metadata (Get Queue Metadata), e.g. to watch a backlog.",
  input: Type.Object({ queue: queueField }),
  output: Type.Object({
    queue: Type.String({ description: 'Queue name' }),
    approximateMessagesCount: Type.Integer({
      minimum: 0,
      description: 'Messages in the queue, at least this many (visible or not)',
    }),
    metadata: Type.Record(Type.String(), Type.String(), { description: 'Metadata stored with the queue' }),
  }),
  examples: [{ input: { queue: 'orders-incoming' } }],
  async run({ input, auth, ctx }) {
    const properties = await queueCall(ctx.actionKey, () =>
      queueService(auth, ctx.actionKey).getQueueClient(input.queue).getProperties({ abortSignal: ctx.signal }),
    );
    return {
      queue: input.queue,
      approximateMessagesCount: properties.approximateMessagesCount ?? 0,
      metadata: properties.metadata ?? {},
    };
  },
});
