import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withTelegram } from '../client.js';
import { messageOf, messageSchema, type RawMessage } from '../messages.js';

const MESSAGE_KINDS = ['message', 'edited_message', 'channel_post', 'edited_channel_post'] as const;
const UPDATE_KINDS = [...MESSAGE_KINDS, 'callback_query', 'my_chat_member', 'chat_member', 'message_reaction'] as const;

/** The Update object (https://core.telegram.org/bots/api#update): its id and exactly one of the kinds. */
type RawUpdate = { update_id: number } & Record<string, unknown>;

interface RawCallbackQuery {
  id: string;
  from: { id: number; username?: string };
  data?: string;
  message?: RawMessage;
}

export const newUpdates = defineTrigger({
  auth,
  kind: 'polling',
  key: 'updates.new',
  title: 'New updates',
  description:
    'Starts a workflow for each update the bot receives: messages sent to it or in its groups, channel posts, edits, inline-button presses (callback queries), membership changes. Polls getUpdates and confirms what it read by the offset, so Telegram does not hand it out again; each update_id is emitted once. Needs no webhook set on the bot (getUpdates and webhooks exclude each other).',
  input: Type.Object({
    allowedUpdates: Type.Optional(
      Type.Array(Type.Union(UPDATE_KINDS.map((kind) => Type.Literal(kind))), {
        uniqueItems: true,
        description:
          'Update kinds to receive, e.g. ["message", "callback_query"]; default Telegram’s (all except chat_member and message_reaction)',
      }),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 100,
      description: 'Updates read per poll, 1–100 (default 100); the rest wait for the next poll',
    }),
  }),
  output: Type.Object({
    updateId: Type.Integer({ description: 'Update id, increasing' }),
    type: Type.String({ description: 'Kind of update: message, edited_message, channel_post, callback_query, …' }),
    message: Type.Optional({ ...messageSchema, description: 'The message, for message and channel post kinds' }),
    callbackQuery: Type.Optional(
      Type.Object(
        {
          id: Type.String({ description: 'Callback query id, for answerCallbackQuery' }),
          fromId: Type.Integer({ description: 'User who pressed the button' }),
          data: Type.Optional(Type.String({ description: 'callback_data of the button' })),
          messageId: Type.Optional(Type.Integer({ description: 'Message the button was on' })),
          chatId: Type.Optional(Type.Integer({ description: 'Chat of that message' })),
        },
        { description: 'The button press, for callback_query updates' },
      ),
    ),
    update: Type.Record(Type.String(), Type.Unknown(), { description: 'The whole Update object as Telegram sent it' }),
  }),
  dedupe: { by: 'id', field: 'updateId' },
  examples: [
    { title: 'Messages and button presses', input: { allowedUpdates: ['message', 'callback_query'], limit: 100 } },
  ],
  async poll({ input, auth, ctx }) {
    return withTelegram(auth, ctx, async (api) => {
      const updates = await api.call<RawUpdate[]>('getUpdates', {
        limit: input.limit,
        timeout: 0,
        allowed_updates: input.allowedUpdates,
      });
      const newest = updates.at(-1)?.update_id;
      // An offset above an update confirms it and every earlier one: Telegram forgets them. Asking
      // for one more with it costs nothing; that one stays unconfirmed for the next poll.
      if (newest !== undefined) await api.call('getUpdates', { offset: newest + 1, limit: 1, timeout: 0 });
      return updates.map(updateOf);
    });
  },
});

function updateOf(update: RawUpdate) {
  const type = Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
  const isMessage = (MESSAGE_KINDS as readonly string[]).includes(type);
  const query = type === 'callback_query' ? (update.callback_query as RawCallbackQuery) : undefined;
  return {
    updateId: update.update_id,
    type,
    ...(isMessage ? { message: messageOf(update[type] as RawMessage) } : {}),
    ...(query
      ? {
          callbackQuery: {
            id: query.id,
            fromId: query.from.id,
            ...(query.data === undefined ? {} : { data: query.data }),
            ...(query.message ? { messageId: query.message.message_id, chatId: query.message.chat.id } : {}),
          },
        }
      : {}),
    update,
  };
}
