import { defineAction, type Static, Type } from '@mova/sdk';
import { type Decoded, decodedEncodingField, decodeField, decodePayload } from '@mova/sdk/messaging';
import type { GetMessage } from 'amqplib';
import { auth } from '../auth.js';
import { withChannel } from '../client.js';
import { toJsonObject } from '../json-value.js';

const Properties = Type.Object(
  {
    contentType: Type.Optional(Type.String()),
    contentEncoding: Type.Optional(Type.String()),
    headers: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    persistent: Type.Boolean({ description: 'Delivery mode 2' }),
    priority: Type.Optional(Type.Integer()),
    correlationId: Type.Optional(Type.String()),
    replyTo: Type.Optional(Type.String()),
    expiration: Type.Optional(Type.String()),
    messageId: Type.Optional(Type.String()),
    timestamp: Type.Optional(Type.Integer({ description: 'Unix time in seconds set by the publisher' })),
    type: Type.Optional(Type.String()),
    userId: Type.Optional(Type.String()),
    appId: Type.Optional(Type.String()),
  },
  { description: 'AMQP properties the publisher set' },
);

export const getMessage = defineAction({
  auth,
  key: 'messages.get',
  title: 'Get a message',
  description:
    'Takes one message from a queue (basic.get) and acknowledges it, or puts it back when `requeue` is set. Gives `empty: true` when the queue has none.',
  input: Type.Object({
    queue: Type.String({ minLength: 1, description: 'Queue to read from' }),
    requeue: Type.Boolean({
      default: false,
      description: 'Put the message back on the queue instead of removing it (a peek; it comes back as redelivered)',
    }),
    decode: decodeField({ contentTypeFrom: 'the content type', sniffJson: false, noun: 'the body' }),
  }),
  output: Type.Object({
    queue: Type.String(),
    empty: Type.Boolean({ description: 'True when the queue had no message' }),
    message: Type.Optional(
      Type.Object({
        content: Type.Unknown({ description: 'The body: parsed JSON, text, or base64' }),
        encoding: decodedEncodingField('How `content` is given'),
        exchange: Type.String(),
        routingKey: Type.String(),
        redelivered: Type.Boolean(),
        remaining: Type.Integer({ minimum: 0, description: 'Messages left in the queue after this one' }),
        properties: Properties,
      }),
    ),
  }),
  examples: [
    {
      input: { queue: 'orders', requeue: false, decode: 'auto' },
      output: {
        queue: 'orders',
        empty: false,
        message: {
          content: { id: 7, status: 'paid' },
          encoding: 'json',
          exchange: '',
          routingKey: 'orders',
          redelivered: false,
          remaining: 3,
          properties: { contentType: 'application/json', persistent: true },
        },
      },
    },
    {
      title: 'An empty queue',
      input: { queue: 'orders', requeue: false, decode: 'auto' },
      output: { queue: 'orders', empty: true },
    },
  ],
  async run({ input, auth, ctx }) {
    const { queue, requeue, decode } = input;
    return withChannel(auth, ctx, async (channel) => {
      const got = await channel.get(queue, { noAck: false });
      if (got === false) return { queue, empty: true };
      let decoded: Decoded;
      try {
        decoded = decodePayload(got.content, got.properties.contentType, decode, ctx.actionKey, {
          sniffJson: false,
          noun: 'the message body',
          afterFailure: 'The message was put back on the queue.',
        });
      } catch (error) {
        // A body we cannot read is not lost: it goes back to the queue for another reader.
        channel.nack(got, false, true);
        await channel.close();
        throw error;
      }
      if (requeue) channel.nack(got, false, true);
      else channel.ack(got);
      // Closing the channel flushes the ack/nack to the broker before the connection goes.
      await channel.close();
      return {
        queue,
        empty: false,
        message: {
          content: decoded.payload,
          encoding: decoded.encoding,
          exchange: got.fields.exchange,
          routingKey: got.fields.routingKey,
          redelivered: got.fields.redelivered,
          remaining: got.fields.messageCount,
          properties: propertiesOf(got),
        },
      };
    });
  },
});

const TEXT_PROPERTIES = [
  'contentType',
  'contentEncoding',
  'correlationId',
  'replyTo',
  'expiration',
  'messageId',
  'type',
  'userId',
  'appId',
] as const;

/** The properties the publisher set; unset ones are left out so the output stays small. */
function propertiesOf(message: GetMessage): Static<typeof Properties> {
  const p = message.properties;
  const properties: Static<typeof Properties> = { persistent: p.deliveryMode === 2 };
  for (const name of TEXT_PROPERTIES) {
    const value: unknown = p[name];
    if (value !== undefined && value !== null) properties[name] = String(value);
  }
  if (typeof p.priority === 'number') properties.priority = p.priority;
  if (typeof p.timestamp === 'number') properties.timestamp = p.timestamp;
  if (p.headers && Object.keys(p.headers).length > 0) properties.headers = toJsonObject(p.headers);
  return properties;
}
