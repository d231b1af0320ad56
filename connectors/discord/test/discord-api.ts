// Discord's HTTP API v10 on loopback for the conformance tests. Discord runs no emulator and ships no
// machine-readable API description in an npm package, so this server answers the request and response
// shapes its documentation gives (https://discord.com/developers/docs):
// - Authentication and User-Agent: https://discord.com/developers/docs/reference#authentication
//   (`Authorization: Bot <token>`) and #user-agent (`DiscordBot ($url, $versionNumber)`); 401 otherwise.
// - Error bodies `{ code, message }`: https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
// - Rate limits (429 with `retry_after` in the JSON body, Retry-After and X-RateLimit-* headers):
//   https://discord.com/developers/docs/topics/rate-limits
// - GET /users/@me: https://discord.com/developers/docs/resources/user#get-current-user
// - POST/PATCH/DELETE /channels/{id}/messages[/{id}], GET /channels/{id}/messages:
//   https://discord.com/developers/docs/resources/message (create, edit, delete, get channel messages)
// - PUT /channels/{id}/messages/{id}/reactions/{emoji}/@me: .../resources/message#create-reaction
// - GET /guilds/{id}/channels: https://discord.com/developers/docs/resources/guild#get-guild-channels
// - POST /webhooks/{id}/{token}?wait=true: https://discord.com/developers/docs/resources/webhook#execute-webhook
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const BOT = { id: '1100000000000000900', username: 'mova-bot', token: 'MTEwMDAw.bot-token.conformance' };

interface StoredMessage {
  id: string;
  channel_id: string;
  content: string;
  author: { id: string; username: string; bot?: boolean };
  timestamp: string;
  edited_timestamp: string | null;
  embeds: unknown[];
  tts: boolean;
  webhook_id?: string;
  message_reference?: { message_id: string; channel_id: string };
  reactions: { emoji: string; me: boolean; count: number }[];
}

export interface Channel {
  id: string;
  guild_id: string;
  type: number;
  name: string;
  position: number;
  parent_id?: string;
  topic?: string;
  nsfw: boolean;
}

export interface Webhook {
  id: string;
  token: string;
  channel_id: string;
  name: string;
}

export interface DiscordReference {
  server: ReferenceServer;
  /** What a connection's apiUrl names. */
  apiUrl: string;
  channels: Channel[];
  messages: Map<string, StoredMessage[]>;
  webhooks: Webhook[];
  close(): Promise<void>;
}

const API = '/api/v10';
const fail = (status: number, code: number, message: string): ReferenceReply => ({ status, body: { code, message } });

export async function startDiscord(): Promise<DiscordReference> {
  let next = 1200000000000000000n;
  const snowflake = () => String(next++);
  const channels: Channel[] = [];
  const messages = new Map<string, StoredMessage[]>();
  const webhooks: Webhook[] = [];

  const server = await startReferenceServer({
    check(request) {
      if (!/^DiscordBot \(\S+, \S+\)$/.test(String(request.headers['user-agent']))) {
        return fail(400, 0, 'Bad User-Agent');
      }
      if (request.path.startsWith(`${API}/webhooks/`)) return undefined;
      if (request.headers.authorization !== `Bot ${BOT.token}`) return fail(401, 0, '401: Unauthorized');
      return undefined;
    },
  });

  const channel = (id: string | undefined) => channels.find((c) => c.id === id);
  const inChannel = (id: string) => {
    const list = messages.get(id) ?? [];
    messages.set(id, list);
    return list;
  };
  const findMessage = (request: ReferenceRequest) =>
    inChannel(request.params.channel ?? '').find((m) => m.id === request.params.message);

  /** The checks Create Message and Execute Webhook share: one of content or embeds, sizes, JSON. */
  function checkBody(request: ReferenceRequest): ReferenceReply | undefined {
    if (!String(request.headers['content-type']).startsWith('application/json')) {
      return fail(400, 50035, 'Invalid Form Body');
    }
    const body = request.body as { content?: string; embeds?: { title?: string; fields?: unknown[] }[] };
    if ((body.content ?? '') === '' && !(body.embeds?.length ?? 0))
      return fail(400, 50006, 'Cannot send an empty message');
    if ((body.content ?? '').length > 2000) return fail(400, 50035, 'Invalid Form Body');
    if ((body.embeds?.length ?? 0) > 10) return fail(400, 50035, 'Invalid Form Body');
    return undefined;
  }

  function store(channelId: string, body: Record<string, unknown>, author: StoredMessage['author'], extra = {}) {
    const message: StoredMessage = {
      id: snowflake(),
      channel_id: channelId,
      content: String(body.content ?? ''),
      author,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      embeds: (body.embeds as unknown[]) ?? [],
      tts: body.tts === true,
      reactions: [],
      ...extra,
    };
    inChannel(channelId).push(message);
    return message;
  }

  server.route('GET', `${API}/users/@me`, () => ({ body: { id: BOT.id, username: BOT.username, bot: true } }));

  server.route('GET', `${API}/guilds/:guild/channels`, ({ params }) => {
    // Threads (types 10, 11, 12) are not part of this listing.
    const found = channels.filter((c) => c.guild_id === params.guild && ![10, 11, 12].includes(c.type));
    if (found.length === 0) return fail(404, 10004, 'Unknown Guild');
    // Discord does not order them; neither does this server (reverse of insertion).
    return { body: [...found].reverse() };
  });

  server.route('POST', `${API}/channels/:channel/messages`, (request) => {
    if (!channel(request.params.channel)) return fail(404, 10003, 'Unknown Channel');
    const invalid = checkBody(request);
    if (invalid) return invalid;
    const body = request.body as Record<string, unknown> & { message_reference?: { message_id: string } };
    let reference = {};
    if (body.message_reference) {
      const parent = inChannel(request.params.channel ?? '').find((m) => m.id === body.message_reference?.message_id);
      if (!parent) return fail(400, 50035, 'Invalid Form Body');
      reference = { message_reference: { message_id: parent.id, channel_id: parent.channel_id } };
    }
    return {
      body: store(request.params.channel ?? '', body, { id: BOT.id, username: BOT.username, bot: true }, reference),
    };
  });

  server.route('PATCH', `${API}/channels/:channel/messages/:message`, (request) => {
    const message = findMessage(request);
    if (!message) return fail(404, 10008, 'Unknown Message');
    if (message.author.id !== BOT.id) return fail(403, 50005, 'Cannot edit a message authored by another user');
    const body = request.body as { content?: string; embeds?: unknown[] };
    if (body.content !== undefined) message.content = body.content;
    if (body.embeds !== undefined) message.embeds = body.embeds;
    message.edited_timestamp = new Date().toISOString();
    return { body: message };
  });

  server.route('DELETE', `${API}/channels/:channel/messages/:message`, (request) => {
    const list = inChannel(request.params.channel ?? '');
    const at = list.findIndex((m) => m.id === request.params.message);
    if (at < 0) return fail(404, 10008, 'Unknown Message');
    list.splice(at, 1);
    return { status: 204 };
  });

  server.route('GET', `${API}/channels/:channel/messages`, ({ params, query }) => {
    if (!channel(params.channel)) return fail(404, 10003, 'Unknown Channel');
    const limit = Number(query.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return fail(400, 50035, 'Invalid Form Body');
    const before = query.get('before');
    const after = query.get('after');
    let list = [...inChannel(params.channel ?? '')].reverse();
    if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
    if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after));
    return { body: list.slice(0, limit) };
  });

  server.route('PUT', `${API}/channels/:channel/messages/:message/reactions/:emoji/@me`, (request) => {
    const message = findMessage(request);
    if (!message) return fail(404, 10008, 'Unknown Message');
    const emoji = request.params.emoji ?? '';
    if (/^[\w-]+$/.test(emoji)) return fail(400, 10014, 'Unknown Emoji');
    const held = message.reactions.find((r) => r.emoji === emoji);
    if (!held) message.reactions.push({ emoji, me: true, count: 1 });
    else if (!held.me) Object.assign(held, { me: true, count: held.count + 1 });
    return { status: 204 };
  });

  server.route('POST', `${API}/webhooks/:id/:token`, (request) => {
    const hook = webhooks.find((w) => w.id === request.params.id);
    if (!hook) return fail(404, 10015, 'Unknown Webhook');
    if (hook.token !== request.params.token) return fail(401, 50027, 'Invalid Webhook Token');
    const invalid = checkBody(request);
    if (invalid) return invalid;
    const body = request.body as Record<string, unknown>;
    const threadId = request.query.get('thread_id');
    const target = threadId ?? hook.channel_id;
    if (threadId && !channel(threadId)) return fail(400, 10003, 'Unknown Channel');
    const message = store(
      target,
      body,
      { id: hook.id, username: String(body.username ?? hook.name) },
      { webhook_id: hook.id },
    );
    // Without wait=true Discord answers 204 and no message.
    return request.query.get('wait') === 'true' ? { body: message } : { status: 204 };
  });

  return {
    server,
    apiUrl: `${server.url}${API}`,
    channels,
    messages,
    webhooks,
    close: () => server.close(),
  };
}
