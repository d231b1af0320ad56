import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withChannel } from '../client.js';

export const declareExchange = defineAction({
  auth,
  key: 'exchanges.declare',
  title: 'Declare an exchange',
  description:
    'Creates an exchange if it does not exist (exchange.declare). Declaring an existing one with another type or other properties fails with a conflict.',
  input: Type.Object({
    exchange: Type.String({ minLength: 1, maxLength: 255, description: 'Exchange name' }),
    type: Type.Union([Type.Literal('direct'), Type.Literal('topic'), Type.Literal('fanout'), Type.Literal('headers')], {
      description: 'Routing: direct (exact key), topic (key patterns), fanout (every bound queue), headers',
    }),
    durable: Type.Boolean({ default: true, description: 'Survive a broker restart (default true)' }),
    autoDelete: Type.Boolean({ default: false, description: 'Delete it when its last binding is removed' }),
    internal: Type.Boolean({ default: false, description: 'Accept messages only from other exchanges' }),
    arguments: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Exchange arguments, e.g. {"alternate-exchange": "unrouted"}',
      }),
    ),
  }),
  output: Type.Object({
    exchange: Type.String(),
    type: Type.String(),
  }),
  examples: [
    {
      input: { exchange: 'events', type: 'topic', durable: true, autoDelete: false, internal: false },
      output: { exchange: 'events', type: 'topic' },
    },
  ],
  async run({ input, auth, ctx }) {
    const { exchange, type } = input;
    await withChannel(auth, ctx, (channel) =>
      channel.assertExchange(exchange, type, {
        durable: input.durable,
        autoDelete: input.autoDelete,
        internal: input.internal,
        arguments: input.arguments,
      }),
    );
    return { exchange, type };
  },
});
