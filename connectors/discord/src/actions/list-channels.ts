import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDiscord } from '../client.js';
import { snowflake } from '../messages.js';

/** Channel types (https://discord.com/developers/docs/resources/channel#channel-object-channel-types) a guild lists. */
const TYPES: Record<number, string> = {
  0: 'text',
  2: 'voice',
  4: 'category',
  5: 'announcement',
  13: 'stage',
  15: 'forum',
  16: 'media',
};

interface RawChannel {
  id: string;
  type: number;
  name?: string;
  position?: number;
  parent_id?: string | null;
  topic?: string | null;
  nsfw?: boolean;
}

export const listChannels = defineAction({
  auth,
  key: 'channels.list',
  title: 'List server channels',
  description:
    'Lists the channels of a server (guild) the bot is in, categories included, in their sidebar order (Get Guild Channels). Threads are not listed.',
  input: Type.Object({
    guildId: snowflake('Server (guild) whose channels to list'),
    types: Type.Optional(
      Type.Array(Type.Union(Object.values(TYPES).map((name) => Type.Literal(name))), {
        uniqueItems: true,
        description: 'Only channels of these types; default all',
      }),
    ),
  }),
  output: Type.Object({
    channels: Type.Array(
      Type.Object({
        id: Type.String({ description: 'Channel id' }),
        name: Type.String({ description: 'Channel name' }),
        type: Type.String({ description: 'text, voice, category, announcement, stage, forum, media, or type-<n>' }),
        position: Type.Integer({ description: 'Sort position within its category' }),
        parentId: Type.Optional(Type.String({ description: 'Category the channel sits in' })),
        topic: Type.Optional(Type.String({ description: 'Channel topic' })),
        nsfw: Type.Boolean({ description: 'Age-restricted channel' }),
      }),
      { description: 'Channels, categories first then by position' },
    ),
  }),
  examples: [{ input: { guildId: '1100000000000000001', types: ['text', 'announcement'] } }],
  async run({ input, auth, ctx }) {
    const { data } = await withDiscord(auth, ctx, (http) =>
      http.get<RawChannel[]>(`/guilds/${input.guildId}/channels`),
    );
    const wanted = input.types ? new Set<string>(input.types) : undefined;
    const channels = data
      .map((raw) => ({
        id: raw.id,
        name: raw.name ?? '',
        type: TYPES[raw.type] ?? `type-${raw.type}`,
        position: raw.position ?? 0,
        ...(raw.parent_id ? { parentId: raw.parent_id } : {}),
        ...(raw.topic ? { topic: raw.topic } : {}),
        nsfw: raw.nsfw ?? false,
      }))
      .filter((channel) => wanted === undefined || wanted.has(channel.type));
    // Discord returns them unordered; sidebar order is categories by position, channels by position.
    channels.sort(
      (a, b) =>
        Number(b.type === 'category') - Number(a.type === 'category') ||
        a.position - b.position ||
        Number(BigInt(a.id) - BigInt(b.id)),
    );
    return { channels };
  },
});
