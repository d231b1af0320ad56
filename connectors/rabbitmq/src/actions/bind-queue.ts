import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withChannel } from '../client.js';

export const bindQueue = defineAction({
  auth,
  key: 'queues.bind',
  title: 'Bind a queue to an exchange',
  description:
    'Routes messages from an exchange into a queue when their routing key matches the pattern (queue.bind). Binding twice is harmless.',
  input: Type.Object({
    queue: Type.String({ minLength: 1, description: 'Queue that receives the messages' }),
    exchange: Type.String({ minLength: 1, description: 'Exchange the messages are published to' }),
    routingKey: Type.String({
      default: '',
      description: 'Routing key or pattern (topic exchanges: `*` one word, `#` any words); ignored by fanout',
    }),
    arguments: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Binding arguments, e.g. header matches for a headers exchange ({"x-match": "all", ...})',
      }),
    ),
  }),
  output: Type.Object({
    queue: Type.String(),
    exchange: Type.String(),
    routingKey: Type.String(),
  }),
  examples: [
    {
      input: { queue: 'paid-orders', exchange: 'events', routingKey: 'order.paid' },
      output: { queue: 'paid-orders', exchange: 'events', routingKey: 'order.paid' },
    },
  ],
  async run({ input, auth, ctx }) {
    const { queue, exchange, routingKey } = input;
    await withChannel(auth, ctx, (channel) => channel.bindQueue(queue, exchange, routingKey, input.arguments));
    return { queue, exchange, routingKey };
  },
});
