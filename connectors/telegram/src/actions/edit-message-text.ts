import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withTelegram } from '../client.js';
import { chatIdField, messageOf, messageSchema, parseModeField, type RawMessage } from '../messages.js';

export const editMessageText = defineAction({
  auth,
  key: 'messages.editText',
  title: 'Edit a message’s text',
  description:
    'Replaces the text (and optionally the inline keyboard) of a text message the bot sent (editMessageText). Telegram refuses an edit that changes nothing (conflict).',
  input: Type.Object({
    chatId: chatIdField('Chat the message is in'),
    messageId: Type.Integer({ minimum: 1, description: 'Message to edit' }),
    text: Type.String({ minLength: 1, maxLength: 4096, description: 'New text, 1–4096 characters' }),
    parseMode: parseModeField,
    replyMarkup: Type.Optional(
      Type.Object(
        {
          inline_keyboard: Type.Array(Type.Array(Type.Record(Type.String(), Type.Unknown())), {
            description: 'Rows of inline buttons: { text, url | callback_data }',
          }),
        },
        { description: 'New inline keyboard; edits keep only inline keyboards' },
      ),
    ),
    disableLinkPreview: Type.Optional(Type.Boolean({ description: 'Do not show a preview of the first link' })),
  }),
  output: messageSchema,
  examples: [{ input: { chatId: -1001234567890, messageId: 7, text: '✅ Build 42 fixed' } }],
  async run({ input, auth, ctx }) {
    const message = await withTelegram(auth, ctx, (api) =>
      api.call<RawMessage | true>('editMessageText', {
        chat_id: input.chatId,
        message_id: input.messageId,
        text: input.text,
        parse_mode: input.parseMode,
        reply_markup: input.replyMarkup,
        link_preview_options:
          input.disableLinkPreview === undefined ? undefined : { is_disabled: input.disableLinkPreview },
      }),
    );
    // `true` comes back only for inline messages, which need inline_message_id: not this action's.
    if (message === true) {
      throw new ConnectorError('Telegram answered true instead of the edited message', {
        kind: 'unknown',
        actionKey: ctx.actionKey,
      });
    }
    return messageOf(message);
  },
});
