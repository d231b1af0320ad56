import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withTelegram } from '../client.js';
import { fileFields, fileOf } from '../files.js';
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

export const sendPhoto = defineAction({
  auth,
  key: 'photos.send',
  title: 'Send a photo',
  description:
    'Sends a photo to a chat (sendPhoto): uploaded from base64 content (up to 10 MB on Telegram’s server), fetched by Telegram from a URL, or re-sent by file_id; with an optional formatted caption and keyboard.',
  input: Type.Object(
    {
      chatId: chatIdField(),
      ...fileFields,
      caption: Type.Optional(Type.String({ maxLength: 1024, description: 'Caption, up to 1024 characters' })),
      parseMode: parseModeField,
      hasSpoiler: Type.Optional(Type.Boolean({ description: 'Cover the photo with a spoiler animation' })),
      replyMarkup: replyMarkupField,
      replyTo: replyToField,
      disableNotification: silentField,
      messageThreadId: messageThreadField,
    },
    { description: 'Give exactly one of fileId, url and content' },
  ),
  output: messageSchema,
  examples: [
    {
      title: 'Chart by URL',
      input: { chatId: -1001234567890, url: 'https://charts.example.com/daily.png', caption: 'Daily sales' },
    },
  ],
  async run({ input, auth, ctx }) {
    const file = fileOf(input, 'photo', 'photo.jpg', ctx.actionKey);
    const parameters = {
      chat_id: input.chatId,
      caption: input.caption,
      parse_mode: input.parseMode,
      has_spoiler: input.hasSpoiler,
      reply_markup: input.replyMarkup,
      reply_parameters: replyParameters(input.replyTo),
      disable_notification: input.disableNotification,
      message_thread_id: input.messageThreadId,
    };
    const message = await withTelegram(auth, ctx, (api) =>
      'upload' in file
        ? api.upload<RawMessage>('sendPhoto', parameters, file.upload)
        : api.call<RawMessage>('sendPhoto', { ...parameters, photo: file.reference }),
    );
    return messageOf(message);
  },
});
