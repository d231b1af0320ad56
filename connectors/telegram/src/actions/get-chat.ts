import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withTelegram } from '../client.js';
import { chatIdField } from '../messages.js';

/** The ChatFullInfo fields (https://core.telegram.org/bots/api#chatfullinfo) this action returns. */
interface RawChat {
  id: number;
  type: string;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
  description?: string;
  bio?: string;
  invite_link?: string;
  is_forum?: boolean;
  pinned_message?: { message_id: number };
}

export const getChat = defineAction({
  auth,
  key: 'chats.get',
  title: 'Get a chat',
  description:
    'Reads a chat’s details (getChat): type, title or name, username, description or bio, invite link and pinned message. Also resolves a public @username to its numeric id.',
  input: Type.Object({ chatId: chatIdField('Chat to read: its numeric id, or @username') }),
  output: Type.Object({
    id: Type.Integer({ description: 'Numeric chat id' }),
    type: Type.String({ description: 'private, group, supergroup or channel' }),
    title: Type.Optional(Type.String({ description: 'Title of a group or channel' })),
    username: Type.Optional(Type.String({ description: 'Public @username, without the @' })),
    firstName: Type.Optional(Type.String({ description: 'First name of the other party in a private chat' })),
    lastName: Type.Optional(Type.String({ description: 'Last name of the other party in a private chat' })),
    description: Type.Optional(Type.String({ description: 'Description of a group or channel, or bio of a user' })),
    inviteLink: Type.Optional(Type.String({ description: 'Primary invite link, when the bot may see it' })),
    isForum: Type.Boolean({ description: 'A supergroup with topics' }),
    pinnedMessageId: Type.Optional(Type.Integer({ description: 'Newest pinned message' })),
  }),
  examples: [{ input: { chatId: '@movaupdates' } }],
  async run({ input, auth, ctx }) {
    const chat = await withTelegram(auth, ctx, (api) => api.call<RawChat>('getChat', { chat_id: input.chatId }));
    const description = chat.description ?? chat.bio;
    return {
      id: chat.id,
      type: chat.type,
      ...(chat.title ? { title: chat.title } : {}),
      ...(chat.username ? { username: chat.username } : {}),
      ...(chat.first_name ? { firstName: chat.first_name } : {}),
      ...(chat.last_name ? { lastName: chat.last_name } : {}),
      ...(description ? { description } : {}),
      ...(chat.invite_link ? { inviteLink: chat.invite_link } : {}),
      isForum: chat.is_forum ?? false,
      ...(chat.pinned_message ? { pinnedMessageId: chat.pinned_message.message_id } : {}),
    };
  },
});
