import { DeleteMessageCommand } from '@aws-sdk/client-sqs';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSqs } from '../client.js';
import { queueField, receiptHandleField } from '../schemas.js';

export const deleteMessage = defineAction({
  auth,
  key: 'messages.delete',
  title: 'Delete a message',
  description:
    'Deletes a received message from the queue (DeleteMessage) by its receipt handle, once it has been processed, so it is not delivered again.',
  input: Type.Object({ queue: queueField(), receiptHandle: receiptHandleField() }),
  output: Type.Object({
    queueUrl: Type.String({ description: 'URL of the queue' }),
    deleted: Type.Boolean({ description: 'Always true: SQS answered the deletion' }),
  }),
  examples: [
    {
      title: 'Delete a processed message',
      input: {
        queue: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders',
        receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSqs(auth, ctx, async ({ client, options, queueUrl }) => {
      const url = await queueUrl(input.queue);
      await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: input.receiptHandle }), options);
      return { queueUrl: url, deleted: true };
    });
  },
});
