import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withMqtt } from '../client.js';
import { Collector, subscribe } from '../collect.js';
import { Message } from '../message.js';
import { decodeSchema } from '../payload.js';
import { qosSchema } from '../publish.js';
import { topicFilterSchema } from '../topic.js';

export const takeMessages = defineAction({
  auth,
  key: 'messages.take',
  title: 'Take the next messages',
  description:
    'Subscribes to a topic filter, waits for the next messages (up to `count`, or until the timeout), then unsubscribes. Retained messages, the topics’ last known values, come first unless left out.',
  input: Type.Object({
    topic: topicFilterSchema(
      'Topic filter to subscribe to; `+` matches one level and `#` the rest, e.g. `sensors/+/temperature`',
    ),
    count: Type.Integer({ minimum: 1, maximum: 1000, default: 1, description: 'How many messages to take at most' }),
    timeoutSeconds: Type.Number({
      minimum: 0.1,
      maximum: 300,
      default: 10,
      description: 'How long to wait for them, in seconds; the step completes with what arrived by then',
    }),
    qos: qosSchema('Subscription QoS: the highest QoS the broker delivers with', 1),
    includeRetained: Type.Boolean({
      default: true,
      description: 'Take the retained messages the broker sends on subscribing (each topic’s last known value)',
    }),
    decode: decodeSchema,
  }),
  output: Type.Object({
    topic: Type.String({ description: 'The topic filter subscribed to' }),
    messages: Type.Array(Message, { description: 'Messages in the order they arrived' }),
    count: Type.Integer({ minimum: 0, description: 'How many messages were taken' }),
    timedOut: Type.Boolean({ description: 'True when the time ran out before `count` messages arrived' }),
  }),
  examples: [
    {
      input: {
        topic: 'sensors/+/temperature',
        count: 2,
        timeoutSeconds: 30,
        qos: 1,
        includeRetained: false,
        decode: 'auto',
      },
      output: {
        topic: 'sensors/+/temperature',
        messages: [
          {
            topic: 'sensors/kitchen/temperature',
            payload: '21.5',
            encoding: 'text',
            bytes: 4,
            qos: 0,
            retain: false,
            duplicate: false,
            receivedAt: '2025-03-04T18:00:01.120Z',
          },
          {
            topic: 'sensors/hall/temperature',
            payload: { celsius: 19.2, battery: 88 },
            encoding: 'json',
            bytes: 29,
            qos: 1,
            retain: false,
            duplicate: false,
            receivedAt: '2025-03-04T18:00:04.870Z',
            properties: { contentType: 'application/json' },
          },
        ],
        count: 2,
        timedOut: false,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const collector = new Collector({
      max: input.count,
      decode: input.decode,
      includeRetained: input.includeRetained,
      actionKey: ctx.actionKey,
    });
    return withMqtt(
      auth,
      ctx,
      async (session) => {
        collector.listen(session);
        await subscribe(session, [input.topic], input.qos, input.includeRetained);
        const timedOut = await collector.wait(input.timeoutSeconds * 1000, ctx.signal);
        const messages = collector.stop();
        // Unsubscribing is polite on a shared broker (the clean session drops it anyway). Not when
        // full: a message past `count` may be waiting for an acknowledgement that holds up the rest.
        if (timedOut) await session.client.unsubscribeAsync(input.topic).catch(() => {});
        return { topic: input.topic, messages, count: messages.length, timedOut };
      },
      { accept: collector.accept },
    );
  },
});
