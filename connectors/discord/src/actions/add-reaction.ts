import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDiscord } from '../client.js';
import { snowflake } from '../messages.js';

export const addReaction = defineAction({
  auth,
  key: 'reactions.add',
  title: 'Add a reaction',
  description:
    'Reacts to a message as the bot (Create Reaction) with a Unicode emoji or a server’s custom emoji. Needs Read Message History, and Add Reactions when nobody has reacted with that emoji yet.',
  input: Type.Object({
    channelId: snowflake('Channel the message is in'),
    messageId: snowflake('Message to react to'),
    emoji: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'A Unicode emoji such as 👍, or a custom emoji as name:id (e.g. party_blob:1101234567890123456)',
    }),
  }),
  output: Type.Object({
    reacted: Type.Boolean({ description: 'True once the reaction is on the message' }),
    emoji: Type.String({ description: 'The emoji as sent' }),
  }),
  examples: [
    {
      input: { channelId: '1100000000000000010', messageId: '1100000000000000100', emoji: '👍' },
      output: { reacted: true, emoji: '👍' },
    },
  ],
  async run({ input, auth, ctx }) {
    // A custom emoji arrives as <:name:id> when copied from a message; the route takes name:id.
    const emoji = input.emoji.replace(/^<a?:([^:>]+):(\d+)>$/, '$1:$2');
    await withDiscord(auth, ctx, (http) =>
      http.put(`/channels/${input.channelId}/messages/${input.messageId}/reactions/${encodeURIComponent(emoji)}/@me`),
    );
    return { reacted: true, emoji };
  },
});
