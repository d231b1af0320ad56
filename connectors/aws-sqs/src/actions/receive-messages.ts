import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSqs } from '../client.js';
import { messageOf, receivedMessage } from '../messages.js';
import { queueField } from '../schemas.js';

export const receiveMessages = defineAction({
  auth,
  key: 'messages.receive',
  title: 'Receive messages',
  description:
    'Receives up to 10 messages (ReceiveMessage), waiting up to waitTimeSeconds for one to arrive (long polling). Received messages stay hidden for the visibility timeout and come back unless deleted; deleteAfterReceive deletes them at once.',
  input: Type.Object({
    queue: queueField(),
    maxMessages: Type.Integer({
      minimum: 1,
      maximum: 10,
      default: 1,
      description: 'Most messages to receive, 1-10 (default 1)',
    }),
    waitTimeSeconds: Type.Integer({
      minimum: 0,
      maximum: 20,
      default: 0,
      description:
        'Seconds to wait for a message when none is there (long polling, up to 20); default 0 answers at once',
    }),
    visibilityTimeout: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 43200,
        description: "Seconds the messages stay hidden from other receivers (default the queue's)",
      }),
    ),
    deleteAfterReceive: Type.Boolean({
      default: false,
      description:
        'Delete the messages right after receiving them (at most once: a failure later in the workflow loses them)',
    }),
  }),
  output: Type.Object({
    messages: Type.Array(receivedMessage, { description: 'Messages received; empty when the queue had none' }),
    deleted: Type.Boolean({
      description:
        'Whether every message received was deleted (deleteAfterReceive); any not deleted comes back after its visibility timeout',
    }),
  }),
  examples: [
    { title: 'Up to 10 messages, waiting 5 s', input: { queue: 'orders', maxMessages: 10, waitTimeSeconds: 5 } },
  ],
  async run({ input, auth, ctx }) {
    return withSqs(auth, ctx, async ({ client, options, queueUrl }) => {
      const url = await queueUrl(input.queue);
      const answer = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: input.maxMessages,
          WaitTimeSeconds: input.waitTimeSeconds,
          VisibilityTimeout: input.visibilityTimeout,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        options,
      );
      const messages = answer.Messages ?? [];
      let deleted = false;
      if (input.deleteAfterReceive && messages.length > 0) {
        const removal = await client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: url,
            Entries: messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
          }),
          options,
        );
        deleted = (removal.Failed ?? []).length === 0;
      }
      return { messages: messages.map(messageOf), deleted };
    });
  },
});
