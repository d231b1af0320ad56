// The data side of the reference workspace: channels, messages, users, reactions and files, and each Web API
// method the connector calls, with the arguments, answers and error codes of its page at docs.slack.dev:
// https://docs.slack.dev/reference/methods/auth.test, …/chat.postMessage, …/chat.update,
// …/conversations.list, …/conversations.history, …/reactions.add, …/users.lookupByEmail,
// …/files.getUploadURLExternal, …/files.completeUploadExternal; object shapes from
// https://docs.slack.dev/reference/objects/conversation-object, …/user-object, …/file-object; cursors from
// https://docs.slack.dev/apis/web-api/pagination; scopes from each method's "Required scopes".

/** A Web API failure: HTTP 200 with `{ ok: false, error }` and the fields Slack adds for the code. */
export class SlackFault extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

export type Args = Record<string, unknown>;

export interface Channel {
  id: string;
  name?: string;
  kind: 'public_channel' | 'private_channel' | 'mpim' | 'im';
  archived: boolean;
  /** Whether the app's bot user is in it. */
  member: boolean;
  members: number;
  topic: string;
  purpose: string;
  created: number;
  /** The other party of a DM. */
  user?: string;
}

export interface Message {
  type: 'message';
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  blocks?: unknown[];
  thread_ts?: string;
  reply_count?: number;
  files?: Record<string, unknown>[];
  reactions?: { name: string; users: string[]; count: number }[];
  /** A thread reply shows in the channel's history only when broadcast. */
  inChannel: boolean;
}

export interface User {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  email: string;
  tz: string;
  isBot: boolean;
  deleted: boolean;
}

interface PendingUpload {
  id: string;
  filename: string;
  length: number;
  bytes?: Buffer;
}

export const TEAM = { id: 'T0CONFORM1', name: 'Conformance Workspace' };
export const BOT = { userId: 'U0BOT00001', botId: 'B0BOT00001', name: 'mova' };

const TS_ARG = /^\d+\.\d+$/;

export class Workspace {
  readonly channels: Channel[] = [];
  readonly messages = new Map<string, Message[]>();
  readonly users: User[] = [];
  readonly files = new Map<string, Record<string, unknown>>();
  readonly uploads = new Map<string, PendingUpload>();
  private clock = 1_712_000_000;
  private counter = 0;

  /** `origin` is this server's own loopback origin: every link in an answer points there. */
  constructor(private readonly origin: string) {}

  addChannel(channel: Partial<Channel> & Pick<Channel, 'id' | 'kind'>): Channel {
    const full: Channel = {
      archived: false,
      member: true,
      members: 2,
      topic: '',
      purpose: '',
      created: 1_700_000_000 + this.channels.length,
      ...channel,
    };
    this.channels.push(full);
    this.messages.set(full.id, []);
    return full;
  }

  addUser(user: User): void {
    this.users.push(user);
  }

  /** Adds a message as someone else posted it, newest last. */
  addMessage(channel: string, message: Omit<Message, 'type' | 'ts' | 'inChannel'> & { inChannel?: boolean }): Message {
    const stored: Message = { type: 'message', ts: this.nextTs(), inChannel: true, ...message };
    this.messages.get(channel)?.push(stored);
    return stored;
  }

  authTest(): Args {
    return {
      url: `${this.origin}/`,
      team: TEAM.name,
      user: BOT.name,
      team_id: TEAM.id,
      user_id: BOT.userId,
      bot_id: BOT.botId,
      is_enterprise_install: false,
    };
  }

  postMessage(args: Args): Args {
    const channel = this.writableChannel(args.channel);
    const content = this.content(args);
    const threadTs = optionalTs(args.thread_ts, 'invalid_thread_ts');
    const broadcast = args.reply_broadcast === true || args.reply_broadcast === 'true';
    const parent = threadTs ? this.message(channel, threadTs, 'thread_not_found') : undefined;
    const message = this.addMessage(channel.id, {
      user: BOT.userId,
      bot_id: BOT.botId,
      ...content,
      ...(parent ? { thread_ts: parent.ts, inChannel: broadcast } : {}),
      ...(parent && broadcast ? { subtype: 'thread_broadcast' } : {}),
    });
    if (parent) {
      parent.thread_ts = parent.ts;
      parent.reply_count = (parent.reply_count ?? 0) + 1;
    }
    return { channel: channel.id, ts: message.ts, message: this.view(message) };
  }

  update(args: Args): Args {
    const channel = this.visibleChannel(args.channel);
    const ts = requiredTs(args.ts);
    const message = this.message(channel, ts, 'message_not_found');
    if (message.user !== BOT.userId) throw new SlackFault('cant_update_message');
    Object.assign(message, this.content(args));
    return { channel: channel.id, ts, text: message.text, message: this.view(message) };
  }

  list(args: Args): Args {
    const types = String(args.types ?? 'public_channel').split(',');
    const known = ['public_channel', 'private_channel', 'mpim', 'im'];
    if (types.some((t) => !known.includes(t))) throw new SlackFault('invalid_types');
    const excludeArchived = args.exclude_archived === true || args.exclude_archived === 'true';
    // Private conversations are visible only to their members.
    const visible = this.channels.filter(
      (c) => types.includes(c.kind) && (c.kind === 'public_channel' || c.member) && !(excludeArchived && c.archived),
    );
    const { page, next } = paginate(visible, args.cursor, args.limit, 100, 1000);
    return { channels: page.map((c) => this.conversation(c)), response_metadata: { next_cursor: next } };
  }

  history(args: Args): Args {
    const channel = this.visibleChannel(args.channel);
    if (!channel.member) throw new SlackFault('not_in_channel');
    const oldest = optionalTs(args.oldest, 'invalid_ts_oldest');
    const latest = optionalTs(args.latest, 'invalid_ts_latest');
    const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
    const after = (ts: string) =>
      oldest === undefined ? true : inclusive ? cmp(ts, oldest) >= 0 : cmp(ts, oldest) > 0;
    const before = (ts: string) =>
      latest === undefined ? true : inclusive ? cmp(ts, latest) <= 0 : cmp(ts, latest) < 0;
    const inRange = (this.messages.get(channel.id) ?? [])
      .filter((m) => m.inChannel && after(m.ts) && before(m.ts))
      .sort((a, b) => cmp(b.ts, a.ts));
    const { page, next } = paginate(inRange, args.cursor, args.limit, 100, 999);
    return {
      messages: page.map((m) => this.view(m)),
      has_more: next !== '',
      pin_count: 0,
      response_metadata: { next_cursor: next },
    };
  }

  react(args: Args): Args {
    const channel = this.visibleChannel(args.channel);
    const name = requiredString(args.name);
    if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) throw new SlackFault('invalid_name');
    const message = this.message(channel, requiredTs(args.timestamp), 'message_not_found');
    message.reactions ??= [];
    const existing = message.reactions.find((r) => r.name === name);
    if (existing?.users.includes(BOT.userId)) throw new SlackFault('already_reacted');
    if (existing) {
      existing.users.push(BOT.userId);
      existing.count++;
    } else message.reactions.push({ name, users: [BOT.userId], count: 1 });
    return {};
  }

  lookupByEmail(args: Args): Args {
    const email = requiredString(args.email).toLowerCase();
    const user = this.users.find((u) => u.email.toLowerCase() === email);
    if (!user) throw new SlackFault('users_not_found');
    return {
      user: {
        id: user.id,
        team_id: TEAM.id,
        name: user.name,
        deleted: user.deleted,
        color: '9f69e7',
        real_name: user.realName,
        tz: user.tz,
        tz_label: 'Pacific Daylight Time',
        tz_offset: -25200,
        profile: {
          real_name: user.realName,
          display_name: user.displayName,
          real_name_normalized: user.realName,
          display_name_normalized: user.displayName,
          email: user.email,
          team: TEAM.id,
        },
        is_admin: false,
        is_owner: false,
        is_bot: user.isBot,
        is_app_user: false,
        updated: 1_700_000_000,
      },
    };
  }

  uploadUrl(args: Args): Args {
    const filename = requiredString(args.filename);
    const length = Number(args.length);
    if (!Number.isInteger(length) || length < 1) throw new SlackFault('invalid_arguments');
    const id = `F0${String(++this.counter).padStart(9, '0')}`;
    const key = `Cw${Buffer.from(`${id}:${filename}`).toString('base64url')}`;
    this.uploads.set(key, { id, filename, length });
    return { upload_url: `${this.origin}/upload/v1/${key}`, file_id: id };
  }

  /** The bytes POSTed to an upload URL; false for a URL this workspace never handed out. */
  receive(key: string, bytes: Buffer): boolean {
    const upload = this.uploads.get(key);
    if (!upload) return false;
    upload.bytes = bytes;
    return true;
  }

  completeUpload(args: Args): Args {
    const wanted = parseJsonArg(args.files);
    if (!Array.isArray(wanted) || wanted.length === 0) throw new SlackFault('invalid_arguments');
    const channel = args.channel_id === undefined ? undefined : this.writableChannel(args.channel_id);
    const threadTs = optionalTs(args.thread_ts, 'invalid_thread_ts');
    const parent = channel && threadTs ? this.message(channel, threadTs, 'thread_not_found') : undefined;
    const files = wanted.map((entry) => {
      const id = typeof entry === 'object' && entry !== null ? (entry as Args).id : undefined;
      const upload = [...this.uploads.values()].find((u) => u.id === id);
      if (!upload?.bytes) throw new SlackFault('file_not_found');
      if (upload.bytes.length !== upload.length) throw new SlackFault('file_upload_size_mismatch');
      const title = (entry as Args).title;
      const file = this.fileObject(upload, typeof title === 'string' ? title : upload.filename, channel);
      this.files.set(upload.id, { ...file, bytes: upload.bytes });
      return file;
    });
    if (channel) {
      this.addMessage(channel.id, {
        user: BOT.userId,
        bot_id: BOT.botId,
        text: typeof args.initial_comment === 'string' ? args.initial_comment : '',
        files,
        ...(parent ? { thread_ts: parent.ts, inChannel: false } : {}),
      });
      if (parent) parent.reply_count = (parent.reply_count ?? 0) + 1;
    }
    return { files };
  }

  private fileObject(upload: PendingUpload, title: string, channel: Channel | undefined): Record<string, unknown> {
    const extension = upload.filename.includes('.') ? (upload.filename.split('.').pop() ?? '') : '';
    const link = `${this.origin}/files/${BOT.userId}/${upload.id}/${encodeURIComponent(upload.filename)}`;
    return {
      id: upload.id,
      created: this.clock,
      timestamp: this.clock,
      name: upload.filename,
      title,
      mimetype: extension === 'csv' ? 'text/csv' : extension === 'png' ? 'image/png' : 'application/octet-stream',
      filetype: extension || 'binary',
      user: BOT.userId,
      user_team: TEAM.id,
      editable: false,
      size: upload.length,
      mode: 'hosted',
      is_external: false,
      is_public: channel?.kind === 'public_channel',
      public_url_shared: false,
      url_private: `${this.origin}/files-pri/${TEAM.id}-${upload.id}/${encodeURIComponent(upload.filename)}`,
      permalink: link,
      channels: channel?.kind === 'public_channel' ? [channel.id] : [],
      groups: channel?.kind === 'private_channel' ? [channel.id] : [],
    };
  }

  private content(args: Args): Pick<Message, 'text' | 'blocks'> {
    const text = typeof args.text === 'string' ? args.text : undefined;
    const blocks = args.blocks === undefined ? undefined : parseJsonArg(args.blocks);
    if (blocks !== undefined) {
      const valid =
        Array.isArray(blocks) &&
        blocks.length > 0 &&
        blocks.length <= 50 &&
        blocks.every((b) => typeof b === 'object' && b !== null && typeof (b as Args).type === 'string');
      if (!valid) throw new SlackFault('invalid_blocks');
    }
    if (!text && blocks === undefined) throw new SlackFault('no_text');
    if (text && text.length > 40000) throw new SlackFault('msg_too_long');
    return { text: text ?? '', ...(blocks === undefined ? {} : { blocks: blocks as unknown[] }) };
  }

  private visibleChannel(id: unknown): Channel {
    const channel = this.channels.find((c) => c.id === id);
    if (!channel || (channel.kind !== 'public_channel' && !channel.member)) throw new SlackFault('channel_not_found');
    return channel;
  }

  private writableChannel(id: unknown): Channel {
    const channel = this.visibleChannel(id);
    if (channel.archived) throw new SlackFault('is_archived');
    if (!channel.member) throw new SlackFault('not_in_channel');
    return channel;
  }

  private message(channel: Channel, ts: string, missing: string): Message {
    const message = this.messages.get(channel.id)?.find((m) => m.ts === ts);
    if (!message) throw new SlackFault(missing);
    return message;
  }

  private conversation(c: Channel): Args {
    if (c.kind === 'im') {
      return { id: c.id, created: c.created, is_archived: c.archived, is_im: true, is_org_shared: false, user: c.user };
    }
    return {
      id: c.id,
      name: c.name,
      is_channel: c.kind === 'public_channel',
      is_group: c.kind === 'private_channel',
      is_im: false,
      is_mpim: c.kind === 'mpim',
      is_private: c.kind !== 'public_channel',
      created: c.created,
      is_archived: c.archived,
      is_general: c.name === 'general',
      unlinked: 0,
      name_normalized: c.name,
      is_shared: false,
      is_org_shared: false,
      is_member: c.member,
      num_members: c.members,
      topic: { value: c.topic, creator: c.topic ? 'U012AB3CD' : '', last_set: c.topic ? c.created : 0 },
      purpose: { value: c.purpose, creator: c.purpose ? 'U012AB3CD' : '', last_set: c.purpose ? c.created : 0 },
      previous_names: [],
    };
  }

  private view(message: Message): Args {
    const { inChannel: _, ...shown } = message;
    return { ...shown, ...(message.bot_id ? { team: TEAM.id } : {}) };
  }

  private nextTs(): string {
    this.counter++;
    return `${this.clock + this.counter}.${String(this.counter).padStart(6, '0')}`;
  }
}

/** Cursor paging: the cursor is the base64 of the next offset, and an empty next_cursor ends the list. */
function paginate<T>(items: T[], cursor: unknown, limit: unknown, fallback: number, max: number) {
  let offset = 0;
  if (cursor !== undefined && cursor !== '') {
    const decoded = /^next:(\d+)$/.exec(Buffer.from(String(cursor), 'base64').toString('utf8'));
    if (!decoded) throw new SlackFault('invalid_cursor');
    offset = Number(decoded[1]);
  }
  const size = limit === undefined || limit === '' ? fallback : Number(limit);
  if (!Number.isInteger(size) || size < 1) throw new SlackFault('invalid_limit');
  const end = offset + Math.min(size, max);
  const next = end < items.length ? Buffer.from(`next:${end}`).toString('base64') : '';
  return { page: items.slice(offset, end), next };
}

function parseJsonArg(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new SlackFault('invalid_arguments');
  }
}

function requiredString(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new SlackFault('invalid_arguments');
  return value;
}

function requiredTs(value: unknown): string {
  if (typeof value !== 'string' || !TS_ARG.test(value)) throw new SlackFault('invalid_arguments');
  return value;
}

function optionalTs(value: unknown, code: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) throw new SlackFault(code);
  return value;
}

/** Compares two Slack timestamps ("seconds.micro") as numbers, without float rounding. */
function cmp(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  return Number(as) - Number(bs) || af.padEnd(6, '0').localeCompare(bf.padEnd(6, '0'));
}
