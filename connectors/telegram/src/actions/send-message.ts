import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withTelegram } from '../client.js';
import {
  chatIdField,
  messageOf,
  messageSchema,
  messageThreadField,
  parseModeField,
  type RawMessage,
  replyMarkupField,
  replyParameters,
  replyToField,
  silentField,
} from '../messages.js';

export const sendMessage = defineAction({
  auth,
  key: 'messages.send',
  title: 'Send a message',
  description:
    'Sends a text message to a chat, group or channel as the bot (sendMessage), with MarkdownV2 or HTML formatting, an inline or reply keyboard, as a reply, silently, or into a forum topic.',
  input: Type.Object({
    chatId: chatIdField(),
    text: Type.String({
      minLength: 1,
      maxLength: 4096,
      description: 'Message text, 1–4096 characters after entity parsing',
    }),
    parseMode: parseModeField,
    replyMarkup: replyMarkupField,
    replyTo: replyToField,
    disableNotification: silentField,
    disableLinkPreview: Type.Optional(Type.Boolean({ description: 'Do not show a preview of the first link' })),
    messageThreadId: messageThreadField,
  }),
  output: messageSchema,
  examples: [
    {
      title: 'Alert with a button',
      input: {
        chatId: -1001234567890,
        text: '<b>Build 42 failed</b> on main',
        parseMode: 'HTML',
        replyMarkup: { inline_keyboard: [[{ text: 'Open build', url: 'https://ci.example.com/builds/42' }]] },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const message = await withTelegram(auth, ctx, (api) =>
      api.call<RawMessage>('sendMessage', {
        chat_id: input.chatId,
        text: input.text,
        parse_mode: input.parseMode,
        reply_markup: input.replyMarkup,
        reply_parameters: replyParameters(input.replyTo),
        disable_notification: input.disableNotification,
        link_preview_options:
          input.disableLinkPreview === undefined ? undefined : { is_disabled: input.disableLinkPreview },
        message_thread_id: input.messageThreadId,
      }),
    );
    return messageOf(message);
  },
});
