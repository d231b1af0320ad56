import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { encodePayload } from '@mova/sdk/messaging';
import type { Options } from 'amqplib';
import { auth } from '../auth.js';
import { withConfirmChannel } from '../client.js';

export const publishMessage = defineAction({
  auth,
  key: 'messages.publish',
  title: 'Publish a message',
  description:
    'Publishes a message to an exchange, or straight to a queue, and returns once the broker has confirmed it (publisher confirms). Says whether any queue received it.',
  input: Type.Object({
    exchange: Type.Optional(
      Type.String({ description: 'Exchange to publish to; leave out and give `queue` to send straight to a queue' }),
    ),
    queue: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Queue to send to through the default exchange (instead of `exchange`)',
      }),
    ),
    routingKey: Type.Optional(Type.String({ description: 'Routing key, with `exchange` (default "")' })),
    content: Type.Unknown({
      description: 'Message body: text is sent as it is (text/plain), any other JSON value as JSON (application/json)',
    }),
    contentType: Type.Optional(
      Type.String({ minLength: 1, description: 'Content type to record instead of the one guessed' }),
    ),
    headers: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Message headers (AMQP table: text, numbers, booleans, objects)',
      }),
    ),
    persistent: Type.Boolean({
      default: true,
      description: 'Ask durable queues to store the message on disk (delivery mode 2); default true',
    }),
    messageId: Type.Optional(Type.String({ description: 'Application message id' })),
    correlationId: Type.Optional(Type.String({ description: 'Correlation id, e.g. of the request this answers' })),
    replyTo: Type.Optional(Type.String({ description: 'Queue the consumer should reply to' })),
    expirationMs: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Drop the message if it waits in a queue longer than this (ms)' }),
    ),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 255, description: 'Priority, for priority queues' })),
  }),
  output: Type.Object({
    exchange: Type.String({ description: 'Exchange used ("" is the default exchange)' }),
    routingKey: Type.String(),
    routed: Type.Boolean({ description: 'False when no queue matched and the broker returned the message' }),
    bytes: Type.Integer({ minimum: 0, description: 'Size of the body sent' }),
  }),
  examples: [
    {
      title: 'Send JSON straight to a queue',
      input: { queue: 'orders', content: { id: 7, status: 'paid' }, persistent: true },
      output: { exchange: '', routingKey: 'orders', routed: true, bytes: 24 },
    },
    {
      title: 'Publish to a topic exchange with headers',
      input: {
        exchange: 'events',
        routingKey: 'order.paid',
        content: 'order 7 paid',
        headers: { source: 'billing' },
        persistent: false,
      },
      output: { exchange: 'events', routingKey: 'order.paid', routed: true, bytes: 12 },
    },
  ],
  async run({ input, auth, ctx }) {
    const { exchange, routingKey } = target(input, ctx.actionKey);
    const { body, contentType } = encodePayload(input.content, 'auto', ctx.actionKey);
    const options: Options.Publish = {
      // Mandatory makes the broker return a message no queue took, before it confirms it.
      mandatory: true,
      persistent: input.persistent,
      contentType: input.contentType ?? contentType,
      headers: input.headers,
      messageId: input.messageId,
      correlationId: input.correlationId,
      replyTo: input.replyTo,
      expiration: input.expirationMs === undefined ? undefined : String(input.expirationMs),
      priority: input.priority,
    };
    const routed = await withConfirmChannel(auth, ctx, async (channel) => {
      let returned = false;
      channel.on('return', () => {
        returned = true;
      });
      await new Promise<void>((resolve, reject) => {
        channel.publish(exchange, routingKey, body, options, (error: unknown) => (error ? reject(error) : resolve()));
      });
      return !returned;
    });
    return { exchange, routingKey, routed, bytes: body.length };
  },
});

function target(
  input: { exchange?: string; queue?: string; routingKey?: string },
  actionKey: string,
): { exchange: string; routingKey: string } {
  if (input.queue !== undefined) {
    if (input.exchange !== undefined || input.routingKey !== undefined) {
      throw new ConnectorError(
        'give either `queue`, or `exchange` with `routingKey`, not both',
        { kind: 'invalid_input', actionKey },
        'A queue is reached through the default exchange with its name as routing key; drop one of the two.',
      );
    }
    return { exchange: '', routingKey: input.queue };
  }
  if (input.exchange === undefined) {
    throw new ConnectorError(
      'say where to publish: `exchange` (with `routingKey`) or `queue`',
      { kind: 'invalid_input', actionKey },
      'Add `queue: "<name>"` to send straight to a queue.',
    );
  }
  return { exchange: input.exchange, routingKey: input.routingKey ?? '' };
}
