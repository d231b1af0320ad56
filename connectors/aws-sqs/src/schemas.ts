import { Type } from '@mova/sdk';

export const queueField = () =>
  Type.String({
    minLength: 1,
    description:
      'Queue URL (https://sqs.us-east-1.amazonaws.com/123456789012/orders) or queue name (orders, looked up with GetQueueUrl)',
  });

export const receiptHandleField = () =>
  Type.String({ minLength: 1, description: 'receiptHandle of the latest receive of the message' });

export const messageAttributesField = () =>
  Type.Optional(
    Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,256}$' }), Type.Union([Type.String(), Type.Number()]), {
      maxProperties: 10,
      description:
        'Message attributes (up to 10): strings are sent as String, numbers as Number, e.g. { "eventType": "order.paid", "priority": 2 }',
    }),
  );

export const groupIdField = () =>
  Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'FIFO queues: the message group; messages of a group are delivered in order',
    }),
  );

export const dedupeIdField = () =>
  Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      description:
        'FIFO queues: messages with the same id within 5 minutes are sent once (not needed with content-based deduplication)',
    }),
  );

export const delayField = () =>
  Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 900,
      description: 'Seconds before the message can be received (0-900; not per message on FIFO queues)',
    }),
  );

/** Attribute values as SQS's MessageAttributeValue: DataType String or Number. */
export function attributeValues(attributes: Record<string, string | number> | undefined) {
  if (!attributes) return undefined;
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      typeof value === 'number'
        ? { DataType: 'Number', StringValue: String(value) }
        : { DataType: 'String', StringValue: value },
    ]),
  );
}
