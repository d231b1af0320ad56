import { defineTrigger, Type } from '@mova/sdk';
import { receivedMessage } from '../actions/receive-messages.js';
import { auth } from '../auth.js';
import { queueService } from '../client.js';
import { queueCall } from '../errors.js';
import { decodeMessage } from '../messages.js';
import { messageEncodingField, queueField } from '../schemas.js';

export const newMessages = defineTrigger({
  auth,
  kind: 'polling',
  key: 'messages.new',
  title: 'New messages',
  description:
    'Starts a workflow for each message in a queue, consuming it: each poll receives up to 32 messages (Get Messages) and deletes them (Delete Message) before they start workflows, so each message starts one workflow at most, and one that fails does not bring its message back. To keep messages until a workflow has handled them, receive and delete them with the actions instead.',
  input: Type.Object({
    queue: queueField,
    maxMessages: Type.Integer({
      minimum: 1,
      maximum: 32,
      default: 32,
      description: 'Most messages to take per poll (default 32)',
    }),
    messageEncoding: messageEncodingField,
  }),
  output: receivedMessage,
  dedupe: { by: 'id', field: 'messageId' },
  // Consumed messages are gone from the queue: the first poll must start their workflows too.
  emitOnFirstPoll: true,
  examples: [{ title: 'Each incoming order', input: { queue: 'orders-incoming' } }],
  async poll({ input, auth, ctx }) {
    const queue = queueService(auth, ctx.actionKey).getQueueClient(input.queue);
    const received = await queueCall(ctx.actionKey, () =>
      queue.receiveMessages({ numberOfMessages: input.maxMessages, visibilityTimeout: 300, abortSignal: ctx.signal }),
    );
    // Decode first: a message that cannot be read stays in the queue (visible again in 5 minutes).
    const messages = received.receivedMessageItems.map((message) => ({
      messageId: message.messageId,
      popReceipt: message.popReceipt,
      text: decodeMessage(message.messageText, input.messageEncoding, ctx.actionKey),
      dequeueCount: message.dequeueCount,
      insertedOn: message.insertedOn.toISOString(),
      expiresOn: message.expiresOn.toISOString(),
      nextVisibleOn: message.nextVisibleOn.toISOString(),
    }));
    await queueCall(ctx.actionKey, () =>
      Promise.all(
        messages.map((message) =>
          queue.deleteMessage(message.messageId, message.popReceipt, { abortSignal: ctx.signal }),
        ),
      ),
    );
    return messages;
  },
});
