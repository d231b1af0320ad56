import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
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

/** SendMessageBatch takes at most 10 entries. */
const BATCH = 10;

export const sendMessageBatch = defineAction({
  auth,
  key: 'messages.sendBatch',
  title: 'Send messages in a batch',
  description:
    'Sends many messages to a queue (SendMessageBatch), 10 per request; each message succeeds or fails on its own, and the output lists both.',
  input: Type.Object({
    queue: queueField(),
    messages: Type.Array(
      Type.Object({
        id: Type.Optional(
          Type.String({
            pattern: '^[A-Za-z0-9_-]{1,80}$',
            description: 'Id to match this message in the output (default its position, "0", "1", …)',
          }),
        ),
        body: Type.String({ minLength: 1, description: 'Message body' }),
        messageAttributes: messageAttributesField(),
        delaySeconds: delayField(),
        messageGroupId: groupIdField(),
        messageDeduplicationId: dedupeIdField(),
      }),
      { minItems: 1, maxItems: 1000, description: 'Messages to send, in order' },
    ),
  }),
  output: Type.Object({
    queueUrl: Type.String({ description: 'URL of the queue' }),
    successful: Type.Array(
      Type.Object({
        id: Type.String({ description: 'The message id given (or its position)' }),
        messageId: Type.String({ description: 'Message ID SQS assigned' }),
        sequenceNumber: Type.Optional(Type.String({ description: 'FIFO queues: the sequence number' })),
      }),
      { description: 'Messages sent' },
    ),
    failed: Type.Array(
      Type.Object({
        id: Type.String({ description: 'The message id given (or its position)' }),
        code: Type.String({ description: 'SQS error code' }),
        message: Type.String({ description: "SQS's explanation" }),
        senderFault: Type.Boolean({ description: 'Whether the message itself was at fault (else retrying may work)' }),
      }),
      { description: 'Messages SQS refused' },
    ),
  }),
  examples: [
    {
      title: 'Send two order events',
      input: {
        queue: 'orders',
        messages: [
          { id: 'o1001', body: '{"orderId":1001}' },
          { id: 'o1002', body: '{"orderId":1002}', delaySeconds: 30 },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const entries = input.messages.map((message, i) => ({
      Id: message.id ?? String(i),
      MessageBody: message.body,
      MessageAttributes: attributeValues(message.messageAttributes),
      DelaySeconds: message.delaySeconds,
      MessageGroupId: message.messageGroupId,
      MessageDeduplicationId: message.messageDeduplicationId,
    }));
    return withSqs(auth, ctx, async ({ client, options, queueUrl }) => {
      const url = await queueUrl(input.queue);
      const successful: { id: string; messageId: string; sequenceNumber?: string }[] = [];
      const failed: { id: string; code: string; message: string; senderFault: boolean }[] = [];
      for (let start = 0; start < entries.length; start += BATCH) {
        const answer = await client.send(
          new SendMessageBatchCommand({ QueueUrl: url, Entries: entries.slice(start, start + BATCH) }),
          options,
        );
        for (const entry of answer.Successful ?? []) {
          successful.push({
            id: entry.Id ?? '',
            messageId: entry.MessageId ?? '',
            ...(entry.SequenceNumber ? { sequenceNumber: entry.SequenceNumber } : {}),
          });
        }
        for (const entry of answer.Failed ?? []) {
          failed.push({
            id: entry.Id ?? '',
            code: entry.Code ?? '',
            message: entry.Message ?? '',
            senderFault: entry.SenderFault === true,
          });
        }
      }
      return { queueUrl: url, successful, failed };
    });
  },
});
