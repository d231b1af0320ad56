import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSqs } from '../client.js';
import { messageOf, receivedMessage } from '../messages.js';
import { queueField } from '../schemas.js';

export const newMessages = defineTrigger({
  auth,
  kind: 'polling',
  key: 'messages.new',
  title: 'New message',
  description:
    'Starts a workflow for each message arriving in a queue: each poll receives what is waiting (10 per request, up to maxMessages) and deletes it from the queue, so each message starts one workflow (at most once: a failing workflow does not put it back).',
  input: Type.Object({
    queue: queueField(),
    maxMessages: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 50,
      description: 'Most messages one poll takes (default 50)',
    }),
  }),
  output: receivedMessage,
  dedupe: { by: 'id', field: 'messageId' },
  // The poll takes the messages off the queue: the first poll must emit them too.
  emitOnFirstPoll: true,
  examples: [{ title: 'Each new order event', input: { queue: 'orders' } }],
  async poll({ input, auth, ctx }) {
    return withSqs(auth, ctx, async ({ client, options, queueUrl }) => {
      const url = await queueUrl(input.queue);
      const taken: ReturnType<typeof messageOf>[] = [];
      while (taken.length < input.maxMessages) {
        const answer = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: url,
            MaxNumberOfMessages: Math.min(10, input.maxMessages - taken.length),
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          options,
        );
        const messages = answer.Messages ?? [];
        if (messages.length === 0) break;
        const removal = await client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: url,
            Entries: messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
          }),
          options,
        );
        // A message whose deletion failed comes back after its visibility timeout: emit it then.
        const kept = new Set((removal.Failed ?? []).map((failure) => failure.Id));
        taken.push(...messages.filter((_, i) => !kept.has(String(i))).map(messageOf));
      }
      return taken;
    });
  },
});
