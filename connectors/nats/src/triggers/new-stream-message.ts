import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNats } from '../client.js';
import { fetchMessages, StreamMessage } from '../fetch.js';
import { decodeSchema } from '../payload.js';
import { consumerName, streamName } from '../stream-names.js';

export const newStreamMessage = defineTrigger({
  auth,
  kind: 'polling',
  key: 'jetstream.newMessage',
  title: 'New stream message',
  description:
    'Fires once for each message a durable pull consumer of a JetStream stream delivers. Each poll takes what the consumer has (up to `maxMessages`) and acknowledges it; the consumer remembers the position between polls, so the first poll fires too.',
  input: Type.Object({
    stream: streamName,
    consumer: consumerName,
    maxMessages: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Most messages one poll takes; the rest wait in the stream for the next poll',
    }),
    decode: decodeSchema,
  }),
  output: Type.Object({
    id: Type.String({ description: 'Stream name and sequence, `ORDERS:1042`: unique within the server' }),
    ...StreamMessage.properties,
  }),
  // A message acknowledged while the ack was lost comes again with the same stream sequence.
  dedupe: { by: 'id', field: 'id' },
  // The durable consumer, not the trigger, remembers what was delivered: what the first poll takes
  // is new and acknowledged, and would be lost if only recorded.
  emitOnFirstPoll: true,
  examples: [
    {
      input: { stream: 'ORDERS', consumer: 'workflow', maxMessages: 100, decode: 'auto' },
      output: {
        id: 'ORDERS:1042',
        subject: 'orders.created',
        payload: { id: 7 },
        encoding: 'json',
        bytes: 8,
        stream: 'ORDERS',
        sequence: 1042,
        consumer: 'workflow',
        deliveryCount: 1,
        pending: 0,
        timestamp: '2025-03-04T18:00:00.412Z',
      },
    },
  ],
  async poll({ input, auth, ctx }) {
    const messages = await withNats(auth, ctx, (nc) =>
      fetchMessages(nc, auth, {
        stream: input.stream,
        consumer: input.consumer,
        count: input.maxMessages,
        waitMs: 1000,
        ack: 'onFetch',
        decode: input.decode,
        actionKey: ctx.actionKey,
      }),
    );
    return messages.map((message) => ({ id: `${message.stream}:${message.sequence}`, ...message }));
  },
});
