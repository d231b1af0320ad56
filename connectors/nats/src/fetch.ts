import { type Static, Type } from '@mova/sdk';
import type { Decoding } from '@mova/sdk/messaging';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection as Nats } from '@nats-io/transport-node';
import type { NatsConnection } from './connection.js';
import { jetStreamOf } from './jetstream.js';
import { payloadFields, readMessage } from './message.js';

export const StreamMessage = Type.Object({
  subject: Type.String({ description: 'Subject the message was published on' }),
  ...payloadFields,
  stream: Type.String({ description: 'Stream that holds it' }),
  sequence: Type.Integer({ minimum: 1, description: 'Its sequence number in the stream' }),
  consumer: Type.String({ description: 'Consumer it was delivered through' }),
  deliveryCount: Type.Integer({
    minimum: 1,
    description: 'How many times it has been delivered (more than 1: redelivered)',
  }),
  pending: Type.Integer({ minimum: 0, description: 'Messages left for the consumer after this one' }),
  timestamp: Type.String({ format: 'date-time', description: 'When the stream stored it' }),
  ackId: Type.Optional(
    Type.String({ description: 'With `ack: "manual"`: give it to jetstream.ack once the message is handled' }),
  ),
});

export type StreamMessage = Static<typeof StreamMessage>;

export interface FetchOptions {
  stream: string;
  consumer: string;
  count: number;
  waitMs: number;
  ack: 'onFetch' | 'manual';
  decode: Decoding;
  actionKey: string;
}

/**
 * Pulls up to `count` messages from a durable pull consumer, waiting at most `waitMs` for a full
 * batch. With `onFetch` every message that decoded is acknowledged before returning; a message
 * that fails to decode is negatively acknowledged, so it comes back for another try.
 */
export async function fetchMessages(
  nc: Nats,
  connection: NatsConnection,
  options: FetchOptions,
): Promise<StreamMessage[]> {
  const consumer = await jetStreamOf(nc, connection).consumers.get(options.stream, options.consumer);
  const batch = await consumer.fetch({ max_messages: options.count, expires: options.waitMs });
  const received: JsMsg[] = [];
  for await (const message of batch) received.push(message);
  const messages: StreamMessage[] = [];
  try {
    for (const message of received) messages.push(streamMessage(message, options));
  } catch (error) {
    for (const message of received) message.nak();
    await nc.flush();
    throw error;
  }
  if (options.ack === 'onFetch') {
    for (const message of received) message.ack();
    // The server reads acks in order; a PING/PONG after the last one means it has them all.
    await nc.flush();
  }
  return messages;
}

function streamMessage(message: JsMsg, options: FetchOptions): StreamMessage {
  const info = message.info;
  return {
    subject: message.subject,
    ...readMessage(message.data, message.headers, options.decode, options.actionKey),
    stream: info.stream,
    sequence: info.streamSequence,
    consumer: info.consumer,
    deliveryCount: info.deliveryCount,
    pending: info.pending,
    timestamp: message.time.toISOString(),
    ...(options.ack === 'manual' ? { ackId: ackSubjectOf(message) } : {}),
  };
}

/** The reply subject a JetStream message is acknowledged on (`$JS.ACK.<stream>.<consumer>...`). */
function ackSubjectOf(message: JsMsg): string {
  const reply = 'reply' in message ? message.reply : undefined;
  if (typeof reply !== 'string') throw new Error('a JetStream message came without its acknowledgement subject');
  return reply;
}
