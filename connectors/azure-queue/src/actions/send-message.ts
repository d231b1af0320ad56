import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { queueService } from '../client.js';
import { queueCall } from '../errors.js';
import { encodeMessage, iso } from '../messages.js';
import { dateField, messageEncodingField, queueField } from '../schemas.js';

export const sendMessage = defineAction({
  auth,
  key: 'messages.send',
  title: 'Send a message',
  description:
    'Adds a message to the back of a queue (Put Message), optionally invisible for a while (a delayed message) and with its own time to live. Messages hold up to 64 KiB.',
  input: Type.Object({
    queue: queueField,
    message: Type.String({ maxLength: 65_536, description: 'Message text, e.g. JSON' }),
    messageEncoding: messageEncodingField,
    visibilityTimeout: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 604_800,
        description: 'Seconds before the message can be received (up to 7 days); default 0',
      }),
    ),
    timeToLive: Type.Optional(
      Type.Integer({
        minimum: -1,
        description: 'Seconds the message is kept before it expires (default 7 days); -1 keeps it until deleted',
      }),
    ),
  }),
  output: Type.Object({
    messageId: Type.String({ description: 'Id of the message' }),
    popReceipt: Type.String({ description: 'Pop receipt, to update or delete the message before anyone receives it' }),
    insertedOn: dateField('When the message was added'),
    expiresOn: dateField('When it expires'),
    nextVisibleOn: dateField('When it can first be received'),
  }),
  examples: [
    {
      title: 'Queue an order for processing',
      input: { queue: 'orders-incoming', message: '{"orderId":1001,"total":42.5}' },
    },
    {
      title: 'For an Azure Functions queue trigger, in 5 minutes',
      input: { queue: 'reminders', message: '{"userId":7}', messageEncoding: 'base64', visibilityTimeout: 300 },
    },
  ],
  async run({ input, auth, ctx }) {
    const sent = await queueCall(ctx.actionKey, () =>
      queueService(auth, ctx.actionKey)
        .getQueueClient(input.queue)
        .sendMessage(encodeMessage(input.message, input.messageEncoding), {
          visibilityTimeout: input.visibilityTimeout,
          messageTimeToLive: input.timeToLive,
          abortSignal: ctx.signal,
        }),
    );
    return {
      messageId: sent.messageId,
      popReceipt: sent.popReceipt,
      insertedOn: sent.insertedOn.toISOString(),
      expiresOn: iso(sent.expiresOn) ?? '',
      nextVisibleOn: sent.nextVisibleOn.toISOString(),
    };
  },
});
