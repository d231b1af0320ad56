import { type Static, Type } from '@mova/sdk';

export const chatIdField = (
  description = 'Chat to post in: its numeric id, or @username of a public channel or group',
) =>
  Type.Union([Type.Integer(), Type.String({ pattern: '^(-?[0-9]+|@[A-Za-z][A-Za-z0-9_]{3,31})$' })], {
    description,
  });

export const parseModeField = Type.Optional(
  Type.Union([Type.Literal('MarkdownV2'), Type.Literal('HTML'), Type.Literal('Markdown')], {
    description: 'How Telegram reads entities in the text: MarkdownV2, HTML, or legacy Markdown; default plain text',
  }),
);

export const replyMarkupField = Type.Optional(
  Type.Record(Type.String(), Type.Unknown(), {
    description:
      'Reply markup as the Bot API defines it: { inline_keyboard: [[{ text, url | callback_data }]] }, { keyboard: [[{ text }]], resize_keyboard }, { remove_keyboard: true } or { force_reply: true }',
  }),
);

export const messageThreadField = Type.Optional(
  Type.Integer({ minimum: 1, description: 'Forum topic (message thread) to post in, in supergroups with topics' }),
);

export const silentField = Type.Optional(
  Type.Boolean({ description: 'Deliver without a notification sound (disable_notification)' }),
);

export const replyToField = Type.Optional(
  Type.Integer({ minimum: 1, description: 'Message in the same chat to reply to' }),
);

export const messageSchema = Type.Object({
  messageId: Type.Integer({ description: 'Message id, unique within the chat' }),
  chatId: Type.Integer({ description: 'Chat the message is in' }),
  chatType: Type.String({ description: 'private, group, supergroup or channel' }),
  date: Type.String({ format: 'date-time', description: 'When the message was sent' }),
  editDate: Type.Optional(Type.String({ format: 'date-time', description: 'When the message was last edited' })),
  fromId: Type.Optional(Type.Integer({ description: 'User id of the sender (absent in channels)' })),
  fromUsername: Type.Optional(Type.String({ description: 'Username of the sender' })),
  text: Type.Optional(Type.String({ description: 'Text of a text message' })),
  caption: Type.Optional(Type.String({ description: 'Caption of a photo or document' })),
  photoFileId: Type.Optional(Type.String({ description: 'file_id of the largest size of a photo, to send it again' })),
  document: Type.Optional(
    Type.Object(
      {
        fileId: Type.String({ description: 'file_id, to send the document again' }),
        fileName: Type.Optional(Type.String({ description: 'Original file name' })),
        mimeType: Type.Optional(Type.String({ description: 'MIME type the sender gave' })),
        fileSize: Type.Optional(Type.Integer({ description: 'Size in bytes' })),
      },
      { description: 'The document of a document message' },
    ),
  ),
  replyToMessageId: Type.Optional(Type.Integer({ description: 'Message this one replies to' })),
});

export type Message = Static<typeof messageSchema>;

/** The Message object's fields (https://core.telegram.org/bots/api#message) this connector reads. */
export interface RawMessage {
  message_id: number;
  chat: { id: number; type: string };
  date: number;
  edit_date?: number;
  from?: { id: number; username?: string };
  text?: string;
  caption?: string;
  photo?: { file_id: string; width: number; height: number; file_size?: number }[];
  document?: { file_id: string; file_name?: string; mime_type?: string; file_size?: number };
  reply_to_message?: { message_id: number };
}

const isoOf = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

export function messageOf(raw: RawMessage): Message {
  const largest = raw.photo?.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  return {
    messageId: raw.message_id,
    chatId: raw.chat.id,
    chatType: raw.chat.type,
    date: isoOf(raw.date),
    ...(raw.edit_date ? { editDate: isoOf(raw.edit_date) } : {}),
    ...(raw.from ? { fromId: raw.from.id } : {}),
    ...(raw.from?.username ? { fromUsername: raw.from.username } : {}),
    ...(raw.text === undefined ? {} : { text: raw.text }),
    ...(raw.caption === undefined ? {} : { caption: raw.caption }),
    ...(largest ? { photoFileId: largest.file_id } : {}),
    ...(raw.document
      ? {
          document: {
            fileId: raw.document.file_id,
            ...(raw.document.file_name ? { fileName: raw.document.file_name } : {}),
            ...(raw.document.mime_type ? { mimeType: raw.document.mime_type } : {}),
            ...(raw.document.file_size === undefined ? {} : { fileSize: raw.document.file_size }),
          },
        }
      : {}),
    ...(raw.reply_to_message ? { replyToMessageId: raw.reply_to_message.message_id } : {}),
  };
}

/** `reply_parameters` for a reply, or nothing. */
export function replyParameters(messageId: number | undefined) {
  return messageId === undefined ? undefined : { message_id: messageId };
}
