import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSqs } from '../client.js';
import { queueField, receiptHandleField } from '../schemas.js';

export const changeVisibility = defineAction({
  auth,
  key: 'messages.changeVisibility',
  title: 'Change message visibility',
  description:
    'Changes how long a received message stays hidden (ChangeMessageVisibility), counted from now: longer to keep working on it, 0 to release it to other receivers at once.',
  input: Type.Object({
    queue: queueField(),
    receiptHandle: receiptHandleField(),
    visibilityTimeout: Type.Integer({
      minimum: 0,
      maximum: 43200,
      description: 'Seconds from now the message stays hidden (0-43200); 0 makes it receivable again at once',
    }),
  }),
  output: Type.Object({
    queueUrl: Type.String({ description: 'URL of the queue' }),
    visibleAt: Type.String({
      format: 'date-time',
      description: 'When the message becomes receivable again (ISO 8601)',
    }),
  }),
  examples: [
    {
      title: 'Release a message for another try',
      input: {
        queue: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders',
        receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
        visibilityTimeout: 0,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSqs(auth, ctx, async ({ client, options, queueUrl }) => {
      const url = await queueUrl(input.queue);
      const from = Date.now();
      await client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: input.receiptHandle,
          VisibilityTimeout: input.visibilityTimeout,
        }),
        options,
      );
      return { queueUrl: url, visibleAt: new Date(from + input.visibilityTimeout * 1000).toISOString() };
    });
  },
});
