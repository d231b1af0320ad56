import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { queueService } from '../client.js';
import { queueCall } from '../errors.js';
import { encodeMessage } from '../messages.js';
import { dateField, messageEncodingField, messageIdField, popReceiptField, queueField } from '../schemas.js';

export const updateMessage = defineAction({
  auth,
  key: 'messages.update',
  title: 'Update a message',
  description:
    'Changes how long a received message stays hidden (Update Message), e.g. to get more time before it comes back or 0 to release it now, and optionally replaces its text. Use the new popReceipt from then on.',
  input: Type.Object({
    queue: queueField,
    messageId: messageIdField,
    popReceipt: popReceiptField,
    visibilityTimeout: Type.Integer({
      minimum: 0,
      maximum: 604_800,
      description: 'Seconds from now until the message is visible again; 0 makes it visible at once',
    }),
    message: Type.Optional(
      Type.String({ maxLength: 65_536, description: 'New text of the message; kept as it is when empty' }),
    ),
    messageEncoding: messageEncodingField,
  }),
  output: Type.Object({
    popReceipt: Type.String({ description: 'The new pop receipt' }),
    nextVisibleOn: dateField('When the message becomes visible again'),
  }),
  examples: [
    {
      title: 'Two more minutes to finish',
      input: {
        queue: 'orders-incoming',
        messageId: '7f4a1b1e-2c2f-4c6e-9a53-0f1e8a6b9d21',
        popReceipt: 'AgAAAAMAAAAAAAAAoZ3T2Vb42gE=',
        visibilityTimeout: 120,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const updated = await queueCall(ctx.actionKey, () =>
      queueService(auth, ctx.actionKey)
        .getQueueClient(input.queue)
        .updateMessage(
          input.messageId,
          input.popReceipt,
          input.message === undefined ? undefined : encodeMessage(input.message, input.messageEncoding),
          input.visibilityTimeout,
          { abortSignal: ctx.signal },
        ),
    );
    return { popReceipt: updated.popReceipt ?? '', nextVisibleOn: updated.nextVisibleOn?.toISOString() ?? '' };
  },
});
