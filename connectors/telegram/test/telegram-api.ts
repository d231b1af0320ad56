// Telegram's Bot API on loopback for the conformance tests. The Bot API server is a C++ program
// (tdlib/telegram-bot-api) that needs Telegram's MTProto network behind it, nothing on npm or in Debian
// serves it, and no machine-readable description ships in a package, so this server answers the shapes
// the Bot API documentation gives (https://core.telegram.org/bots/api):
// - Making requests (#making-requests): https://<server>/bot<token>/<METHOD>, parameters as a query string,
//   application/x-www-form-urlencoded, application/json or multipart/form-data; answers `{ ok, result }`
//   or `{ ok: false, error_code, description, parameters? }`; 401 Unauthorized for an unknown token,
//   404 Not Found for an unknown method. Flood control: 429 with `parameters.retry_after` (#responseparameters).
// - Sending files (#sending-files): a file_id, an HTTP URL, or an upload as multipart/form-data.
// - Formatting options (#formatting-options): MarkdownV2's reserved characters must be escaped; HTML
//   supports a fixed set of tags.
// - getMe (#getme), sendMessage (#sendmessage), sendPhoto (#sendphoto), sendDocument (#senddocument),
//   editMessageText (#editmessagetext, "message is not modified"), deleteMessage (#deletemessage),
//   getChat (#getchat, ChatFullInfo), getUpdates (#getupdates: an offset confirms every earlier update).
// - Reply markup: InlineKeyboardMarkup (#inlinekeyboardmarkup), ReplyParameters (#replyparameters).
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const BOT = { id: 7000000001, username: 'mova_test_bot', token: '7000000001:AAHconformance-token_xyz' };

export interface Chat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
  description?: string;
  invite_link?: string;
}

export interface StoredMessage {
  message_id: number;
  chat: Chat;
  date: number;
  edit_date?: number;
  from?: { id: number; is_bot: boolean; first_name: string; username?: string };
  text?: string;
  caption?: string;
  entities?: { type: string; offset: number; length: number }[];
  photo?: { file_id: string; file_unique_id: string; width: number; height: number; file_size: number }[];
  document?: { file_id: string; file_unique_id: string; file_name?: string; mime_type?: string; file_size: number };
  reply_markup?: unknown;
  reply_to_message?: StoredMessage;
}

export interface StoredFile {
  bytes?: Buffer;
  url?: string;
  filename?: string;
  contentType?: string;
}

export interface TelegramReference {
  server: ReferenceServer;
  /** What a connection's apiUrl names. */
  apiUrl: string;
  chats: Chat[];
  messages: StoredMessage[];
  files: Map<string, StoredFile>;
  /** Pending updates, oldest first, as getUpdates hands them out. */
  updates: ({ update_id: number } & Record<string, unknown>)[];
  /** Adds an update as Telegram would when something happens to the bot. */
  pushUpdate(kind: string, payload: unknown): number;
  webhookUrl?: string;
  /** Every method call with its parameters as received (multipart files as { filename, bytes }). */
  calls: { method: string; contentType: string; params: Record<string, unknown> }[];
  close(): Promise<void>;
}

type Params = Record<string, unknown>;

class BadRequest extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

const JSON_PARAMS = new Set(['reply_markup', 'reply_parameters', 'link_preview_options', 'allowed_updates']);
const MARKDOWN_RESERVED = /(?<!\\)[.!\-=+#|{}>()]/;
const HTML_TAGS = /<\/?(b|strong|i|em|u|ins|s|strike|del|code|pre|a|tg-spoiler|blockquote)(\s[^>]*)?>/g;

export async function startTelegram(): Promise<TelegramReference> {
  const chats: Chat[] = [];
  const messages: StoredMessage[] = [];
  const files = new Map<string, StoredFile>();
  const updates: TelegramReference['updates'] = [];
  const calls: TelegramReference['calls'] = [];
  let nextUpdate = 500000001;
  let nextFile = 1;
  const server = await startReferenceServer();
  const reference: TelegramReference = {
    server,
    apiUrl: server.url,
    chats,
    messages,
    files,
    updates,
    calls,
    pushUpdate(kind, payload) {
      const id = nextUpdate++;
      updates.push({ update_id: id, [kind]: payload });
      return id;
    },
    close: () => server.close(),
  };

  const chatOf = (value: unknown) => {
    const chat = chats.find((c) => String(c.id) === String(value) || (c.username && `@${c.username}` === value));
    if (!chat) throw new BadRequest(400, 'Bad Request: chat not found');
    return chat;
  };
  const messageIn = (chat: Chat, id: unknown, missing: string) => {
    const found = messages.find((m) => m.chat.id === chat.id && m.message_id === Number(id));
    if (!found) throw new BadRequest(400, `Bad Request: ${missing}`);
    return found;
  };
  const required = (params: Params, ...names: string[]) => {
    for (const name of names) {
      if (params[name] === undefined || params[name] === '') throw new BadRequest(400, `Bad Request: ${name} is empty`);
    }
  };
  const fileId = (prefix: string) => `${prefix}${String(nextFile++).padStart(6, '0')}-conformance`;

  /** The text Telegram keeps after parsing entities, or its refusal. */
  function parsed(text: string, mode: unknown): string {
    if (mode === 'MarkdownV2') {
      const bad = MARKDOWN_RESERVED.exec(text);
      if (bad) {
        throw new BadRequest(
          400,
          `Bad Request: can't parse entities: Character '${bad[0]}' is reserved and must be escaped with the preceding '\\'`,
        );
      }
      return text.replace(/\\(.)/g, '$1').replace(/[*_~]/g, '');
    }
    if (mode === 'HTML') {
      const stripped = text.replace(HTML_TAGS, '');
      const unsupported = /<([a-z-]+)/i.exec(stripped);
      if (unsupported)
        throw new BadRequest(400, `Bad Request: can't parse entities: Unsupported start tag "${unsupported[1]}"`);
      return stripped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    }
    if (mode !== undefined && mode !== 'Markdown')
      throw new BadRequest(400, `Bad Request: unsupported parse_mode "${mode}"`);
    return text;
  }

  function checkMarkup(markup: unknown): unknown {
    if (markup === undefined) return undefined;
    if (typeof markup !== 'object' || markup === null)
      throw new BadRequest(400, "Bad Request: can't parse reply keyboard markup JSON object");
    const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
    if (rows === undefined) return undefined; // reply keyboards are not part of the Message object
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
      throw new BadRequest(
        400,
        'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
      );
    }
    for (const button of rows.flat() as Record<string, unknown>[]) {
      if (typeof button.text !== 'string')
        throw new BadRequest(400, "Bad Request: can't parse inline keyboard button: Text is empty");
      if (button.url === undefined && button.callback_data === undefined) {
        throw new BadRequest(
          400,
          "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        );
      }
    }
    return markup;
  }

  function post(chat: Chat, params: Params, content: Partial<StoredMessage>): StoredMessage {
    const replyTo = (params.reply_parameters as { message_id?: number } | undefined)?.message_id;
    const message: StoredMessage = {
      message_id: Math.max(0, ...messages.filter((m) => m.chat.id === chat.id).map((m) => m.message_id)) + 1,
      chat,
      date: Math.floor(Date.now() / 1000),
      ...(chat.type === 'channel'
        ? {}
        : { from: { id: BOT.id, is_bot: true, first_name: 'MOVA', username: BOT.username } }),
      ...content,
    };
    if (replyTo !== undefined) message.reply_to_message = messageIn(chat, replyTo, 'message to be replied not found');
    const markup = checkMarkup(params.reply_markup);
    if (markup) message.reply_markup = markup;
    messages.push(message);
    return message;
  }

  function sendFile(params: Params, field: 'photo' | 'document'): StoredMessage {
    required(params, 'chat_id', field);
    const chat = chatOf(params.chat_id);
    const given = params[field];
    let stored: StoredFile;
    let id: string;
    if (typeof given === 'object' && given !== null && 'bytes' in given) {
      const upload = given as { bytes: Buffer; filename: string; contentType: string };
      if (upload.bytes.length === 0) throw new BadRequest(400, 'Bad Request: file must be non-empty');
      id = fileId(field === 'photo' ? 'AgAC' : 'BQAC');
      stored = { bytes: upload.bytes, filename: upload.filename, contentType: upload.contentType };
    } else if (typeof given === 'string' && /^https?:\/\//.test(given)) {
      id = fileId(field === 'photo' ? 'AgAC' : 'BQAC');
      stored = { url: given, filename: given.split('/').pop() };
    } else if (typeof given === 'string' && files.has(given)) {
      id = given;
      stored = files.get(given) as StoredFile;
    } else {
      throw new BadRequest(400, 'Bad Request: wrong file identifier/HTTP URL specified');
    }
    files.set(id, stored);
    const size = stored.bytes?.length ?? 0;
    const caption = params.caption === undefined ? {} : { caption: parsed(String(params.caption), params.parse_mode) };
    return post(chat, params, {
      ...caption,
      ...(field === 'photo'
        ? {
            photo: [
              { file_id: `${id}-s`, file_unique_id: `${id}-s`, width: 90, height: 90, file_size: Math.min(size, 1000) },
              { file_id: id, file_unique_id: id, width: 800, height: 800, file_size: size },
            ],
          }
        : {
            document: {
              file_id: id,
              file_unique_id: id,
              ...(stored.filename ? { file_name: stored.filename } : {}),
              ...(stored.contentType ? { mime_type: stored.contentType } : {}),
              file_size: size,
            },
          }),
    });
  }

  const METHODS: Record<string, (params: Params) => unknown> = {
    getMe: () => ({ id: BOT.id, is_bot: true, first_name: 'MOVA', username: BOT.username }),
    sendMessage(params) {
      required(params, 'chat_id', 'text');
      const chat = chatOf(params.chat_id);
      const text = parsed(String(params.text), params.parse_mode);
      if (text.length > 4096) throw new BadRequest(400, 'Bad Request: message is too long');
      return post(chat, params, { text });
    },
    sendPhoto: (params) => sendFile(params, 'photo'),
    sendDocument: (params) => sendFile(params, 'document'),
    editMessageText(params) {
      required(params, 'chat_id', 'message_id', 'text');
      const message = messageIn(chatOf(params.chat_id), params.message_id, 'message to edit not found');
      if (message.text === undefined) throw new BadRequest(400, 'Bad Request: there is no text in the message to edit');
      const text = parsed(String(params.text), params.parse_mode);
      const markup = checkMarkup(params.reply_markup);
      if (text === message.text && JSON.stringify(markup) === JSON.stringify(message.reply_markup)) {
        throw new BadRequest(
          400,
          'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        );
      }
      message.text = text;
      if (markup === undefined) delete message.reply_markup;
      else message.reply_markup = markup;
      message.edit_date = Math.floor(Date.now() / 1000);
      return message;
    },
    deleteMessage(params) {
      required(params, 'chat_id', 'message_id');
      const message = messageIn(chatOf(params.chat_id), params.message_id, 'message to delete not found');
      messages.splice(messages.indexOf(message), 1);
      return true;
    },
    getChat(params) {
      required(params, 'chat_id');
      const chat = chatOf(params.chat_id);
      const pinned = messages.find((m) => m.chat.id === chat.id);
      return {
        ...chat,
        accent_color_id: 0,
        max_reaction_count: 11,
        ...(pinned ? { pinned_message: pinned } : {}),
      };
    },
    getUpdates(params) {
      if (reference.webhookUrl) {
        throw new BadRequest(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
      }
      const offset = params.offset === undefined ? undefined : Number(params.offset);
      if (offset !== undefined) {
        while (updates.length > 0 && (updates[0] as { update_id: number }).update_id < offset) updates.shift();
      }
      const limit = params.limit === undefined ? 100 : Number(params.limit);
      if (!(limit >= 1 && limit <= 100)) throw new BadRequest(400, 'Bad Request: limit must be between 1 and 100');
      const allowed = params.allowed_updates as string[] | undefined;
      const wanted = updates.filter((u) => !allowed?.length || allowed.some((kind) => kind in u));
      return wanted.slice(0, limit);
    },
  };

  server.route('POST', '/:bot/:method', (request) => answer(request));
  server.route('GET', '/:bot/:method', (request) => answer(request));

  function answer(request: ReferenceRequest): ReferenceReply {
    const token = (request.params.bot ?? '').replace(/^bot/, '');
    if (!request.params.bot?.startsWith('bot') || token !== BOT.token) {
      return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
    }
    const method = METHODS[request.params.method ?? ''];
    if (!method) return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    const contentType = String(request.headers['content-type'] ?? '');
    const params = paramsOf(request, contentType);
    calls.push({ method: request.params.method ?? '', contentType, params });
    try {
      return { body: { ok: true, result: method(params) } };
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      return {
        status: error.status,
        body: {
          ok: false,
          error_code: error.status,
          description: error.description,
          ...(error.parameters ? { parameters: error.parameters } : {}),
        },
      };
    }
  }

  return reference;
}

/** The method's parameters however they came: query string, form, JSON or multipart. */
function paramsOf(request: ReferenceRequest, contentType: string): Params {
  const params: Params = Object.fromEntries(request.query);
  if (contentType.startsWith('application/json')) Object.assign(params, request.body as Params);
  else if (contentType.startsWith('application/x-www-form-urlencoded')) Object.assign(params, request.body as Params);
  else if (contentType.startsWith('multipart/form-data'))
    Object.assign(params, multipart(request.rawBody, contentType));
  for (const name of JSON_PARAMS) {
    if (typeof params[name] === 'string') params[name] = JSON.parse(params[name] as string);
  }
  return params;
}

/** A multipart/form-data body (RFC 7578): text fields as strings, files as { bytes, filename, contentType }. */
function multipart(raw: Buffer, contentType: string): Params {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return {};
  const params: Params = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const part = raw.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const body = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
    params[name] =
      filename === undefined ? body.toString('utf8') : { bytes: Buffer.from(body), filename, contentType: type };
    at = next;
  }
  return params;
}
