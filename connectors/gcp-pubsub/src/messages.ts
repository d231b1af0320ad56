import { type Static, Type } from '@mova/sdk';
import { contentOf, type Encoding } from '@mova/sdk/content';
import { messageStore } from './content.js';
import { attributesField } from './schemas.js';

/** A ReceivedMessage of the REST API ("projects.subscriptions.pull"). */
export interface ReceivedMessage {
  ackId?: string;
  deliveryAttempt?: number;
  message?: {
    data?: string;
    attributes?: Record<string, string>;
    messageId?: string;
    publishTime?: string;
    orderingKey?: string;
  };
}

export const receivedSchema = Type.Object({
  ackId: Type.String({ description: 'Acknowledge with this (messages.acknowledge) once handled' }),
  messageId: Type.String({ description: 'Id Pub/Sub gave the message' }),
  data: Type.String({ description: 'The message data, as text or base64 as encoding says' }),
  encoding: Type.Union([Type.Literal('text'), Type.Literal('base64')], { description: 'How data is encoded' }),
  attributes: attributesField,
  publishTime: Type.String({ format: 'date-time', description: 'When Pub/Sub received it' }),
  orderingKey: Type.Optional(Type.String({ description: 'Ordering key it was published with' })),
  deliveryAttempt: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Delivery attempts so far (only with a dead-letter policy)' }),
  ),
});

/** A pulled message for the step output, its data decoded as asked (text must be UTF-8). */
export function receivedOf(
  received: ReceivedMessage,
  encoding: Encoding,
  actionKey: string,
): Static<typeof receivedSchema> {
  const message = received.message ?? {};
  return {
    ackId: received.ackId ?? '',
    messageId: message.messageId ?? '',
    data: contentOf(Buffer.from(message.data ?? '', 'base64'), encoding, messageStore, actionKey),
    encoding,
    attributes: message.attributes ?? {},
    publishTime: message.publishTime ?? '',
    ...(message.orderingKey ? { orderingKey: message.orderingKey } : {}),
    ...(received.deliveryAttempt ? { deliveryAttempt: received.deliveryAttempt } : {}),
  };
}
