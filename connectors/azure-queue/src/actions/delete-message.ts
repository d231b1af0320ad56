import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { queueService } from '../client.js';
import { queueCall } from '../errors.js';
import { messageIdField, popReceiptField, queueField } from '../schemas.js';

export const deleteMessage = defineAction({
  auth,
  key: 'messages.delete',
  title: 'Delete a message',
  description:
    'Removes a received message for good (Delete Message), with the pop receipt of its latest receive or update; a stale receipt fails as not found.',
  input: Type.Object({ queue: queueField, messageId: messageIdField, popReceipt: popReceiptField }),
  output: Type.Object({ deleted: Type.Boolean({ description: 'Always true: a failed delete fails the step' }) }),
  examples: [
    {
      title: 'Acknowledge a handled order',
      input: {
        queue: 'orders-incoming',
        messageId: '7f4a1b1e-2c2f-4c6e-9a53-0f1e8a6b9d21',
        popReceipt: 'AgAAAAMAAAAAAAAAoZ3T2Vb42gE=',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    await queueCall(ctx.actionKey, () =>
      queueService(auth, ctx.actionKey)
        .getQueueClient(input.queue)
        .deleteMessage(input.messageId, input.popReceipt, { abortSignal: ctx.signal }),
    );
    return { deleted: true };
  },
});
