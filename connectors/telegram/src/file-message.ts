import { type ActionContext, type Static, type TSchema, Type } from '@mova/sdk';
import { withTelegram } from './client.js';
import type { TelegramConnection } from './connection.js';
import { fileFields, fileOf } from './files.js';
import {
  chatIdField,
  type Message,
  messageOf,
  messageThreadField,
  parseModeField,
  type RawMessage,
  replyMarkupField,
  replyParameters,
  replyToField,
  silentField,
} from './messages.js';

const captionField = Type.Optional(Type.String({ maxLength: 1024, description: 'Caption, up to 1024 characters' }));

/**
 * The input of a method that sends one file (sendPhoto, sendDocument …): the chat, the file, a
 * caption, the method's `own` fields, then the delivery options every message takes.
 */
export const fileMessageInput = <X extends Record<string, TSchema>>(own: X) =>
  Type.Object(
    {
      chatId: chatIdField(),
      ...fileFields,
      caption: captionField,
      parseMode: parseModeField,
      ...own,
      replyMarkup: replyMarkupField,
      replyTo: replyToField,
      disableNotification: silentField,
      messageThreadId: messageThreadField,
    },
    { description: 'Give exactly one of fileId, url and content' },
  );

const common = fileMessageInput({});

/** How a method takes its file: the method, its file parameter, and the name of uploaded content without a filename. */
interface FileMethod {
  method: string;
  field: string;
  fallbackName: string;
}

/**
 * Sends one file with its caption and delivery options: by file_id or URL as a JSON parameter, or
 * uploaded as multipart. `own` holds the method's own parameters (has_spoiler …).
 * @example
 * sendFile(auth, ctx, { method: 'sendPhoto', field: 'photo', fallbackName: 'photo.jpg' }, input, { has_spoiler: input.hasSpoiler })
 */
export async function sendFile(
  auth: TelegramConnection,
  ctx: Pick<ActionContext, 'signal' | 'actionKey'>,
  { method, field, fallbackName }: FileMethod,
  input: Static<typeof common>,
  own: Record<string, unknown>,
): Promise<Message> {
  const file = fileOf(input, field, fallbackName, ctx.actionKey);
  const parameters = {
    chat_id: input.chatId,
    caption: input.caption,
    parse_mode: input.parseMode,
    ...own,
    reply_markup: input.replyMarkup,
    reply_parameters: replyParameters(input.replyTo),
    disable_notification: input.disableNotification,
    message_thread_id: input.messageThreadId,
  };
  const message = await withTelegram(auth, ctx, (api) =>
    'upload' in file
      ? api.upload<RawMessage>(method, parameters, file.upload)
      : api.call<RawMessage>(method, { ...parameters, [field]: file.reference }),
  );
  return messageOf(message);
}
