import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withTelegram } from '../client.js';
import { chatIdField } from '../messages.js';

export const deleteMessage = defineAction({
  auth,
  key: 'messages.delete',
  title: 'Delete a message',
  description:
    'Deletes a message (deleteMessage). A bot can delete its own messages within 48 hours, and others’ in groups and channels where it is an admin with the right to delete messages.',
  input: Type.Object({
    chatId: chatIdField('Chat the message is in'),
    messageId: Type.Integer({ minimum: 1, description: 'Message to delete' }),
  }),
  output: Type.Object({
    deleted: Type.Boolean({ description: 'True once Telegram has deleted the message' }),
  }),
  examples: [{ input: { chatId: -1001234567890, messageId: 7 }, output: { deleted: true } }],
  async run({ input, auth, ctx }) {
    const deleted = await withTelegram(auth, ctx, (api) =>
      api.call<boolean>('deleteMessage', { chat_id: input.chatId, message_id: input.messageId }),
    );
    return { deleted };
  },
});
