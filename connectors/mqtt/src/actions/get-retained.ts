import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withMqtt } from '../client.js';
import { Collector, subscribe } from '../collect.js';
import { Message } from '../message.js';
import { decodeSchema } from '../payload.js';
import { topicFilterSchema } from '../topic.js';

/** Brokers send retained messages right after the subscription is granted; a pause this long means they are done. */
export const QUIET_MS = 300;

export const getRetained = defineAction({
  auth,
  key: 'retained.get',
  title: 'Get retained messages',
  description:
    'Reads the retained messages (each topic’s last known value, e.g. a device’s status) on a topic or topic filter, without waiting for new ones.',
  input: Type.Object({
    topic: topicFilterSchema('Topic or topic filter to read, e.g. `devices/+/status`'),
    maxMessages: Type.Integer({
      minimum: 1,
      maximum: 10000,
      default: 1000,
      description: 'Most retained messages to read',
    }),
    decode: decodeSchema,
  }),
  output: Type.Object({
    topic: Type.String({ description: 'The topic or filter read' }),
    messages: Type.Array(Message, { description: 'Retained messages, one per topic' }),
    count: Type.Integer({ minimum: 0, description: 'How many retained messages were found' }),
  }),
  examples: [
    {
      input: { topic: 'devices/+/status', maxMessages: 1000, decode: 'auto' },
      output: {
        topic: 'devices/+/status',
        messages: [
          {
            topic: 'devices/42/status',
            payload: 'online',
            encoding: 'text',
            bytes: 6,
            qos: 1,
            retain: true,
            duplicate: false,
            receivedAt: '2025-03-04T18:00:00.412Z',
          },
        ],
        count: 1,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const messages = await readRetained(auth, ctx, input.topic, input.maxMessages, input.decode);
    return { topic: input.topic, messages, count: messages.length };
  },
});

/** Subscribes, keeps what the broker sends as retained until it goes quiet, and leaves. */
export async function readRetained(
  connection: Parameters<typeof withMqtt>[0],
  ctx: { signal?: AbortSignal; actionKey: string },
  topic: string,
  max: number,
  decode: 'auto' | 'json' | 'text' | 'base64',
) {
  const collector = new Collector({ max, decode, includeRetained: true, retainedOnly: true, actionKey: ctx.actionKey });
  return withMqtt(
    connection,
    ctx,
    async (session) => {
      collector.listen(session);
      await subscribe(session, [topic], 1, true);
      await collector.wait(30_000, ctx.signal, QUIET_MS);
      return collector.stop();
    },
    { accept: collector.accept },
  );
}
