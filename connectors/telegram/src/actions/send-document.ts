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

export const sendDocument = defineAction({
  auth,
  key: 'documents.send',
  title: 'Send a document',
  description:
    'Sends a file as a document to a chat (sendDocument): uploaded from text or base64 content (up to 50 MB on Telegram’s server, 2 GB on a self-hosted one), fetched by Telegram from a URL, or re-sent by file_id; with an optional formatted caption and keyboard.',
  input: Type.Object(
    {
      chatId: chatIdField(),
      ...fileFields,
      caption: Type.Optional(Type.String({ maxLength: 1024, description: 'Caption, up to 1024 characters' })),
      parseMode: parseModeField,
      disableContentTypeDetection: Type.Optional(
        Type.Boolean({ description: 'Keep the file a document even when Telegram could show it as a photo or video' }),
      ),
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
      title: 'CSV report from text',
      input: {
        chatId: -1001234567890,
        content: 'day,total\n2026-12-01,42\n',
        encoding: 'text',
        filename: 'sales.csv',
        contentType: 'text/csv',
        caption: 'Daily sales',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const file = fileOf(input, 'document', 'file', ctx.actionKey);
    const parameters = {
      chat_id: input.chatId,
      caption: input.caption,
      parse_mode: input.parseMode,
      disable_content_type_detection: input.disableContentTypeDetection,
      reply_markup: input.replyMarkup,
      reply_parameters: replyParameters(input.replyTo),
      disable_notification: input.disableNotification,
      message_thread_id: input.messageThreadId,
    };
    const message = await withTelegram(auth, ctx, (api) =>
      'upload' in file
        ? api.upload<RawMessage>('sendDocument', parameters, file.upload)
        : api.call<RawMessage>('sendDocument', { ...parameters, document: file.reference }),
    );
    return messageOf(message);
  },
});
