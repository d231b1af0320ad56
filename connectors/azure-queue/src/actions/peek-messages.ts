import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { queueService } from '../client.js';
import { queueCall } from '../errors.js';
import { decodeMessage } from '../messages.js';
import { dateField, messageEncodingField, queueField } from '../schemas.js';

export const peekMessages = defineAction({
  auth,
  key: 'messages.peek',
  title: 'Peek at messages',
  description:
    'Reads messages at the front of a queue without taking them (Peek Messages): they stay visible to receivers, and no pop receipt is given.',
  input: Type.Object({
    queue: queueField,
    maxMessages: Type.Integer({
      minimum: 1,
      maximum: 32,
      default: 1,
      description: 'Most messages to read (1–32, default 1)',
    }),
    messageEncoding: messageEncodingField,
  }),
  output: Type.Object({
    messages: Type.Array(
      Type.Object({
        messageId: Type.String({ description: 'Id of the message' }),
        text: Type.String({ description: 'Message text (decoded when messageEncoding is base64)' }),
        dequeueCount: Type.Integer({ minimum: 0, description: 'How many times it has been received' }),
        insertedOn: dateField('When the message was added'),
        expiresOn: dateField('When it expires'),
      }),
      { description: 'Visible messages, oldest first' },
    ),
  }),
  examples: [{ title: 'Look at the next 5 orders', input: { queue: 'orders-incoming', maxMessages: 5 } }],
  async run({ input, auth, ctx }) {
    const peeked = await queueCall(ctx.actionKey, () =>
      queueService(auth, ctx.actionKey)
        .getQueueClient(input.queue)
        .peekMessages({ numberOfMessages: input.maxMessages, abortSignal: ctx.signal }),
    );
    return {
      messages: peeked.peekedMessageItems.map((message) => ({
        messageId: message.messageId,
        text: decodeMessage(message.messageText, input.messageEncoding, ctx.actionKey),
        dequeueCount: message.dequeueCount,
        insertedOn: message.insertedOn.toISOString(),
        expiresOn: message.expiresOn.toISOString(),
      })),
    };
  },
});
