import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSqs } from '../client.js';
import {
  attributeValues,
  dedupeIdField,
  delayField,
  groupIdField,
  messageAttributesField,
  queueField,
} from '../schemas.js';

export const sendMessage = defineAction({
  auth,
  key: 'messages.send',
  title: 'Send a message',
  description:
    'Sends one message to a queue (SendMessage): text up to 256 KiB (e.g. JSON), with message attributes, a delay, and for FIFO queues a message group and deduplication id.',
  input: Type.Object({
    queue: queueField(),
    body: Type.String({ minLength: 1, description: 'Message body: text, e.g. JSON ({"orderId":1001})' }),
    messageAttributes: messageAttributesField(),
    delaySeconds: delayField(),
    messageGroupId: groupIdField(),
    messageDeduplicationId: dedupeIdField(),
  }),
  output: Type.Object({
    queueUrl: Type.String({ description: 'URL of the queue the message went to' }),
    messageId: Type.String({ description: 'Message ID SQS assigned' }),
    md5OfMessageBody: Type.String({ description: 'MD5 of the body as SQS received it (checked by the SDK)' }),
    sequenceNumber: Type.Optional(Type.String({ description: 'FIFO queues: the message sequence number' })),
  }),
  examples: [
    {
      title: 'Send an order event',
      input: {
        queue: 'orders',
        body: '{"orderId":1001,"status":"paid"}',
        messageAttributes: { eventType: 'order.paid' },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSqs(auth, ctx, async ({ client, options, queueUrl }) => {
      const url = await queueUrl(input.queue);
      const sent = await client.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: input.body,
          MessageAttributes: attributeValues(input.messageAttributes),
          DelaySeconds: input.delaySeconds,
          MessageGroupId: input.messageGroupId,
          MessageDeduplicationId: input.messageDeduplicationId,
        }),
        options,
      );
      return {
        queueUrl: url,
        messageId: sent.MessageId ?? '',
        md5OfMessageBody: sent.MD5OfMessageBody ?? '',
        ...(sent.SequenceNumber ? { sequenceNumber: sent.SequenceNumber } : {}),
      };
    });
  },
});
