import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withChannel } from '../client.js';

export const deleteQueue = defineAction({
  auth,
  key: 'queues.delete',
  title: 'Delete a queue',
  description:
    'Deletes a queue and the messages in it (queue.delete). Deleting a queue that does not exist succeeds with 0 messages.',
  input: Type.Object({
    queue: Type.String({ minLength: 1, description: 'Queue to delete' }),
    ifUnused: Type.Boolean({ default: false, description: 'Refuse (conflict) while the queue has consumers' }),
    ifEmpty: Type.Boolean({ default: false, description: 'Refuse (conflict) while the queue holds messages' }),
  }),
  output: Type.Object({
    queue: Type.String(),
    deletedMessages: Type.Integer({ minimum: 0, description: 'Messages that were in the queue' }),
  }),
  examples: [
    {
      input: { queue: 'orders-tmp', ifUnused: false, ifEmpty: true },
      output: { queue: 'orders-tmp', deletedMessages: 0 },
    },
  ],
  async run({ input, auth, ctx }) {
    const reply = await withChannel(auth, ctx, (channel) =>
      channel.deleteQueue(input.queue, { ifUnused: input.ifUnused, ifEmpty: input.ifEmpty }),
    );
    return { queue: input.queue, deletedMessages: reply.messageCount };
  },
});
