import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { queueService } from '../client.js';
import { queueCall } from '../errors.js';
import { decodeMessage } from '../messages.js';
import { dateField, messageEncodingField, queueField } from '../schemas.js';

export const receivedMessage = Type.Object({
  messageId: Type.String({ description: 'Id of the message' }),
  popReceipt: Type.String({ description: 'Pop receipt: pass it to messages.delete or messages.update' }),
  text: Type.String({ description: 'Message text (decoded when messageEncoding is base64)' }),
  dequeueCount: Type.Integer({
    minimum: 0,
    description: 'How many times the message has been received, this time included',
  }),
  insertedOn: dateField('When the message was added'),
  expiresOn: dateField('When it expires'),
  nextVisibleOn: dateField('When it becomes visible again unless deleted'),
});

export const receiveMessages = defineAction({
  auth,
  key: 'messages.receive',
  title: 'Receive messages',
  description:
    'Takes messages from the front of a queue (Get Messages), hiding them from other receivers for visibilityTimeout seconds. Delete each one with its popReceipt once handled, or it comes back, with a higher dequeueCount.',
  input: Type.Object({
    queue: queueField,
    maxMessages: Type.Integer({
      minimum: 1,
      maximum: 32,
      default: 1,
      description: 'Most messages to take (1–32, default 1)',
    }),
    visibilityTimeout: Type.Integer({
      minimum: 1,
      maximum: 604_800,
      default: 30,
      description: 'Seconds the messages stay hidden from other receivers (default 30)',
    }),
    messageEncoding: messageEncodingField,
  }),
  output: Type.Object({
    messages: Type.Array(receivedMessage, {
      description: 'The messages taken, oldest first; empty when the queue has none visible',
    }),
  }),
  examples: [
    {
      title: 'Take up to 10 orders for 2 minutes',
      input: { queue: 'orders-incoming', maxMessages: 10, visibilityTimeout: 120 },
    },
  ],
  async run({ input, auth, ctx }) {
    const received = await queueCall(ctx.actionKey, () =>
      queueService(auth, ctx.actionKey).getQueueClient(input.queue).receiveMessages({
        numberOfMessages: input.maxMessages,
        visibilityTimeout: input.visibilityTimeout,
        abortSignal: ctx.signal,
      }),
    );
    return {
      messages: received.receivedMessageItems.map((message) => ({
        messageId: message.messageId,
        popReceipt: message.popReceipt,
        text: decodeMessage(message.messageText, input.messageEncoding, ctx.actionKey),
        dequeueCount: message.dequeueCount,
        insertedOn: message.insertedOn.toISOString(),
        expiresOn: message.expiresOn.toISOString(),
        nextVisibleOn: message.nextVisibleOn.toISOString(),
      })),
    };
  },
});
