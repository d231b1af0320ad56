import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSqs } from '../client.js';
import { queueField } from '../schemas.js';

const count = (description: string) => Type.Integer({ minimum: 0, description });

export const getQueueAttributes = defineAction({
  auth,
  key: 'queues.getAttributes',
  title: 'Get queue attributes',
  description:
    "Reads a queue's attributes (GetQueueAttributes): its ARN, approximate numbers of waiting, in-flight and delayed messages, and its settings (visibility timeout, retention, FIFO, dead-letter redrive policy).",
  input: Type.Object({ queue: queueField() }),
  output: Type.Object({
    queueUrl: Type.String({ description: 'URL of the queue' }),
    queueArn: Type.String({ description: 'ARN of the queue' }),
    fifo: Type.Boolean({ description: 'Whether it is a FIFO queue' }),
    approximateNumberOfMessages: count('Messages waiting to be received (approximate)'),
    approximateNumberOfMessagesNotVisible: count('Messages received but not yet deleted (in flight, approximate)'),
    approximateNumberOfMessagesDelayed: count('Messages still delayed (approximate)'),
    attributes: Type.Record(Type.String(), Type.String(), {
      description: 'Every attribute as SQS gives it, e.g. VisibilityTimeout, MessageRetentionPeriod, RedrivePolicy',
    }),
  }),
  examples: [{ title: 'How many orders are waiting', input: { queue: 'orders' } }],
  async run({ input, auth, ctx }) {
    return withSqs(auth, ctx, async ({ client, options, queueUrl }) => {
      const url = await queueUrl(input.queue);
      const answer = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
        options,
      );
      const attributes: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.Attributes ?? {}))
        if (typeof value === 'string') attributes[name] = value;
      const number = (name: string) => Number(attributes[name] ?? 0);
      return {
        queueUrl: url,
        queueArn: attributes.QueueArn ?? '',
        fifo: attributes.FifoQueue === 'true',
        approximateNumberOfMessages: number('ApproximateNumberOfMessages'),
        approximateNumberOfMessagesNotVisible: number('ApproximateNumberOfMessagesNotVisible'),
        approximateNumberOfMessagesDelayed: number('ApproximateNumberOfMessagesDelayed'),
        attributes,
      };
    });
  },
});
