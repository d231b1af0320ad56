import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withChannel } from '../client.js';

export const declareQueue = defineAction({
  auth,
  key: 'queues.declare',
  title: 'Declare a queue',
  description:
    'Creates a queue if it does not exist (queue.declare) and returns how many messages and consumers it has. Declaring an existing queue with other properties fails with a conflict. With `passive`, only checks that it exists.',
  input: Type.Object({
    queue: Type.String({ minLength: 1, maxLength: 255, description: 'Queue name' }),
    durable: Type.Boolean({ default: true, description: 'Survive a broker restart (default true)' }),
    autoDelete: Type.Boolean({
      default: false,
      description: 'Delete the queue when its last consumer unsubscribes (default false)',
    }),
    arguments: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'Optional queue arguments, e.g. {"x-message-ttl": 60000, "x-dead-letter-exchange": "dlx", "x-queue-type": "quorum"}',
      }),
    ),
    passive: Type.Boolean({
      default: false,
      description: 'Only check that the queue exists (fails with not_found otherwise); the other fields are ignored',
    }),
  }),
  output: Type.Object({
    queue: Type.String(),
    messageCount: Type.Integer({ minimum: 0, description: 'Messages ready for delivery' }),
    consumerCount: Type.Integer({ minimum: 0, description: 'Consumers subscribed' }),
  }),
  examples: [
    {
      input: {
        queue: 'orders',
        durable: true,
        autoDelete: false,
        arguments: { 'x-message-ttl': 60000 },
        passive: false,
      },
      output: { queue: 'orders', messageCount: 0, consumerCount: 0 },
    },
  ],
  async run({ input, auth, ctx }) {
    const reply = await withChannel(auth, ctx, (channel) =>
      input.passive
        ? channel.checkQueue(input.queue)
        : channel.assertQueue(input.queue, {
            durable: input.durable,
            autoDelete: input.autoDelete,
            arguments: input.arguments,
          }),
    );
    return { queue: reply.queue, messageCount: reply.messageCount, consumerCount: reply.consumerCount };
  },
});
