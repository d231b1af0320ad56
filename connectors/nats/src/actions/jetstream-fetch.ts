import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNats } from '../client.js';
import { fetchMessages, StreamMessage } from '../fetch.js';
import { decodeSchema } from '../payload.js';
import { consumerName, streamName } from '../stream-names.js';

export const jetStreamFetch = defineAction({
  auth,
  key: 'jetstream.fetch',
  title: 'Fetch messages from a stream',
  description:
    'Takes up to `count` messages from a durable pull consumer of a JetStream stream. By default they are acknowledged at once; with `ack: "manual"` each carries an `ackId` for jetstream.ack, and one not acknowledged in the consumer’s ack wait is delivered again.',
  input: Type.Object({
    stream: streamName,
    consumer: consumerName,
    count: Type.Integer({ minimum: 1, maximum: 1000, default: 10, description: 'Most messages to take' }),
    waitSeconds: Type.Number({
      minimum: 1,
      maximum: 300,
      default: 1,
      description: 'How long to wait for the batch to fill, in seconds; fewer messages come back when it does not',
    }),
    ack: Type.Union([Type.Literal('onFetch'), Type.Literal('manual')], {
      default: 'onFetch',
      description:
        'onFetch: acknowledge every message taken; manual: leave that to jetstream.ack with each message’s ackId',
    }),
    decode: decodeSchema,
  }),
  output: Type.Object({
    messages: Type.Array(StreamMessage, { description: 'Messages in stream order' }),
    count: Type.Integer({ minimum: 0, description: 'How many messages were taken' }),
  }),
  examples: [
    {
      input: { stream: 'ORDERS', consumer: 'billing', count: 10, waitSeconds: 1, ack: 'manual', decode: 'auto' },
      output: {
        messages: [
          {
            subject: 'orders.created',
            payload: { id: 7 },
            encoding: 'json',
            bytes: 8,
            stream: 'ORDERS',
            sequence: 1042,
            consumer: 'billing',
            deliveryCount: 1,
            pending: 0,
            timestamp: '2025-03-04T18:00:00.412Z',
            ackId: '$JS.ACK.ORDERS.billing.1.1042.17.1741111200412000000.0',
          },
        ],
        count: 1,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const messages = await withNats(auth, ctx, (nc) =>
      fetchMessages(nc, auth, {
        stream: input.stream,
        consumer: input.consumer,
        count: input.count,
        waitMs: Math.round(input.waitSeconds * 1000),
        ack: input.ack,
        decode: input.decode,
        actionKey: ctx.actionKey,
      }),
    );
    return { messages, count: messages.length };
  },
});
