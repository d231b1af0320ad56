import type { Message } from '@aws-sdk/client-sqs';
import { Type } from '@mova/sdk';

export const receivedMessage = Type.Object({
  messageId: Type.String({ description: 'Message ID' }),
  receiptHandle: Type.String({
    description: 'Handle to delete the message or change its visibility (valid for this receive)',
  }),
  body: Type.String({ description: 'Message body' }),
  md5OfBody: Type.String({ description: 'MD5 of the body (checked by the SDK)' }),
  attributes: Type.Record(Type.String(), Type.String(), {
    description: 'System attributes, e.g. SentTimestamp, ApproximateReceiveCount, MessageGroupId',
  }),
  messageAttributes: Type.Record(Type.String(), Type.String(), {
    description: 'Message attributes the sender set, as strings (binary ones base64)',
  }),
});

/** A received message as the step outputs it. */
export function messageOf(message: Message) {
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    md5OfBody: message.MD5OfBody ?? '',
    attributes: Object.fromEntries(
      Object.entries(message.Attributes ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ),
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        value.StringValue ?? (value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : ''),
      ]),
    ),
  };
}
