import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { queueService } from '../client.js';
import { queueCall } from '../errors.js';
import { queueField } from '../schemas.js';

export const createQueue = defineAction({
  auth,
  key: 'queues.create',
  title: 'Create a queue',
  description:
    'Creates a queue (Create Queue) unless one of that name exists with the same metadata; created says which. A queue of that name with other metadata fails as a conflict.',
  input: Type.Object({
    queue: queueField,
    metadata: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String(), {
        description: 'Name-value pairs to store with the queue, e.g. {"team": "billing"}',
      }),
    ),
  }),
  output: Type.Object({
    queue: Type.String({ description: 'Queue name' }),
    created: Type.Boolean({ description: 'False when the queue existed already' }),
  }),
  examples: [
    {
      title: 'A queue for incoming orders',
      input: { queue: 'orders-incoming' },
      output: { queue: 'orders-incoming', created: true },
    },
  ],
  async run({ input, auth, ctx }) {
    const response = await queueCall(ctx.actionKey, () =>
      queueService(auth, ctx.actionKey)
        .getQueueClient(input.queue)
        .createIfNotExists({ metadata: input.metadata, abortSignal: ctx.signal }),
    );
    return { queue: input.queue, created: response.succeeded };
  },
});
