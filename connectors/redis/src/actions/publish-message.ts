import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRedis } from '../client.js';

export const publishMessage = defineAction({
  auth,
  key: 'publish',
  title: 'Publish a message',
  description:
    'Sends a message to a pub/sub channel (PUBLISH). Only clients subscribed at that moment receive it; nothing is stored.',
  input: Type.Object({
    channel: Type.String({ minLength: 1, description: 'Channel to publish on' }),
    message: Type.String({ description: 'Message text (send JSON as a string)' }),
  }),
  output: Type.Object({
    channel: Type.String(),
    receivers: Type.Integer({ minimum: 0, description: 'How many subscribers received it' }),
  }),
  examples: [
    { input: { channel: 'orders', message: '{"id":7,"status":"paid"}' }, output: { channel: 'orders', receivers: 2 } },
  ],
  async run({ input, auth, ctx }) {
    const receivers = await withRedis(auth, ctx, (redis) => redis.publish(input.channel, input.message));
    return { channel: input.channel, receivers };
  },
});
