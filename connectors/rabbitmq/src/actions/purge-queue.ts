import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withChannel } from '../client.js';

export const purgeQueue = defineAction({
  auth,
  key: 'queues.purge',
  title: 'Purge a queue',
  description: 'Removes every ready message from a queue (queue.purge); messages being processed by consumers stay.',
  input: Type.Object({
    queue: Type.String({ minLength: 1, description: 'Queue to empty' }),
  }),
  output: Type.Object({
    queue: Type.String(),
    purged: Type.Integer({ minimum: 0, description: 'How many messages were removed' }),
  }),
  examples: [{ input: { queue: 'orders' }, output: { queue: 'orders', purged: 12 } }],
  async run({ input, auth, ctx }) {
    const reply = await withChannel(auth, ctx, (channel) => channel.purgeQueue(input.queue));
    return { queue: input.queue, purged: reply.messageCount };
  },
});
