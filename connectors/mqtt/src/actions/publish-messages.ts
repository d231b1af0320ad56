import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withMqtt } from '../client.js';
import { OutgoingMessage, PublishResult, publishOne } from '../publish.js';

export const publishMessages = defineAction({
  auth,
  key: 'publishMany',
  title: 'Publish several messages',
  description:
    'Publishes a list of messages in order over one connection, each with its own topic, QoS and retain flag. Stops at the first one the broker refuses.',
  input: Type.Object({
    messages: Type.Array(OutgoingMessage, {
      minItems: 1,
      maxItems: 1000,
      description: 'Messages to publish, in order',
    }),
  }),
  output: Type.Object({
    published: Type.Integer({ minimum: 0, description: 'How many messages were published' }),
    results: Type.Array(PublishResult, { description: 'One result per message, in order' }),
  }),
  examples: [
    {
      input: {
        messages: [
          { topic: 'lights/kitchen/set', payload: 'on', qos: 1, retain: false, encoding: 'auto' },
          { topic: 'lights/hall/set', payload: 'off', qos: 1, retain: false, encoding: 'auto' },
        ],
      },
      output: {
        published: 2,
        results: [
          {
            topic: 'lights/kitchen/set',
            qos: 1,
            retain: false,
            bytes: 2,
            acknowledged: true,
            matchedSubscribers: true,
          },
          { topic: 'lights/hall/set', qos: 1, retain: false, bytes: 3, acknowledged: true, matchedSubscribers: true },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withMqtt(auth, ctx, async (session) => {
      const results = [];
      for (const message of input.messages) results.push(await publishOne(session, message, ctx.actionKey));
      return { published: results.length, results };
    });
  },
});
