import { defineAction, Type } from '@mova/sdk';
import { required } from '../answer.js';
import { auth } from '../auth.js';
import { callSlack } from '../client.js';
import { collectPages } from '../pages.js';

const conversationType = Type.Union(
  [Type.Literal('public_channel'), Type.Literal('private_channel'), Type.Literal('mpim'), Type.Literal('im')],
  { description: 'public_channel, private_channel, mpim (group DM) or im (DM)' },
);

const conversation = Type.Object({
  id: Type.String({ description: 'Conversation ID' }),
  name: Type.Optional(Type.String({ description: 'Channel name without #; DMs have none' })),
  isPrivate: Type.Boolean({ description: 'True for private channels and DMs' }),
  isArchived: Type.Boolean({ description: 'True when the channel is archived' }),
  isMember: Type.Optional(Type.Boolean({ description: 'True when the token’s user or bot is in the channel' })),
  numMembers: Type.Optional(Type.Integer({ description: 'Member count, when Slack reports it' })),
  topic: Type.Optional(Type.String({ description: 'Channel topic' })),
  purpose: Type.Optional(Type.String({ description: 'Channel purpose' })),
  created: Type.Optional(Type.Integer({ description: 'Unix time (s) the conversation was created' })),
});

export const listConversations = defineAction({
  auth,
  key: 'conversations.list',
  title: 'List channels',
  description:
    'Lists channels and other conversations in the workspace, following Slack’s cursor up to a limit (Slack conversations.list).',
  input: Type.Object({
    types: Type.Array(conversationType, {
      minItems: 1,
      uniqueItems: true,
      default: ['public_channel'],
      description: 'Which kinds of conversation to list; private ones need the matching scopes',
    }),
    excludeArchived: Type.Boolean({ default: true, description: 'Leave archived channels out' }),
    limit: Type.Integer({ minimum: 1, maximum: 10000, default: 200, description: 'Most conversations to return' }),
    cursor: Type.Optional(
      Type.String({ minLength: 1, description: 'nextCursor from an earlier call, to continue where it stopped' }),
    ),
  }),
  output: Type.Object({
    channels: Type.Array(conversation, { description: 'Conversations in Slack’s order' }),
    nextCursor: Type.Optional(
      Type.String({ description: 'Present when more conversations remain; pass it as cursor' }),
    ),
  }),
  examples: [
    {
      input: { types: ['public_channel'], excludeArchived: true, limit: 2 },
      output: {
        channels: [
          { id: 'C012AB3CD', name: 'general', isPrivate: false, isArchived: false, isMember: true, numMembers: 23 },
          { id: 'C061EG9T2', name: 'random', isPrivate: false, isArchived: false, isMember: true, numMembers: 21 },
        ],
        nextCursor: 'dGVhbTpDMDYxRkE1UEI=',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { items, nextCursor } = await callSlack(auth, ctx, (slack) =>
      collectPages(input.limit, input.cursor, async (cursor, pageSize) => {
        const page = await slack.conversations.list({
          types: input.types.join(','),
          exclude_archived: input.excludeArchived,
          limit: pageSize,
          cursor,
        });
        return { items: page.channels ?? [], nextCursor: page.response_metadata?.next_cursor };
      }),
    );
    return {
      channels: items.map((c) => ({
        id: required(c.id, 'channel id', ctx.actionKey),
        name: c.name,
        isPrivate: Boolean(c.is_private || c.is_im || c.is_mpim),
        isArchived: Boolean(c.is_archived),
        isMember: c.is_member,
        numMembers: c.num_members,
        topic: c.topic?.value || undefined,
        purpose: c.purpose?.value || undefined,
        created: c.created,
      })),
      nextCursor,
    };
  },
});
