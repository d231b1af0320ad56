import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { readAll, withGraph } from '../client.js';
import { idField } from '../messages.js';

interface RawChannel {
  id: string;
  displayName: string;
  description?: string | null;
  membershipType?: string | null;
  webUrl?: string | null;
  email?: string | null;
}

export const listChannels = defineAction({
  auth,
  key: 'channels.list',
  title: 'List channels',
  description: 'Lists the channels of a team the caller can see: standard, private and shared ones.',
  input: Type.Object({
    teamId: idField('Team whose channels to list'),
    membershipType: Type.Optional(
      Type.Union([Type.Literal('standard'), Type.Literal('private'), Type.Literal('shared')], {
        description: 'Only channels of this kind; default all',
      }),
    ),
  }),
  output: Type.Object({
    channels: Type.Array(
      Type.Object({
        id: Type.String({ description: 'Channel id (19:…@thread.tacv2)' }),
        displayName: Type.String({ description: 'Channel name' }),
        description: Type.Optional(Type.String({ description: 'Channel description' })),
        membershipType: Type.String({ description: 'standard, private or shared' }),
        webUrl: Type.Optional(Type.String({ description: 'Link to the channel in Teams' })),
        email: Type.Optional(Type.String({ description: 'Address that posts email into the channel' })),
      }),
      { description: 'Channels of the team' },
    ),
  }),
  examples: [{ input: { teamId: '172b0cce-e65d-44ce-9a49-91d9f2e8493a' } }],
  async run({ input, auth, ctx }) {
    const channels = await withGraph(auth, ctx, (graph) =>
      readAll<RawChannel>(graph, `/teams/${encodeURIComponent(input.teamId)}/channels`, (request) =>
        input.membershipType ? request.filter(`membershipType eq '${input.membershipType}'`) : request,
      ),
    );
    return {
      channels: channels.map((channel) => ({
        id: channel.id,
        displayName: channel.displayName,
        ...(channel.description ? { description: channel.description } : {}),
        membershipType: channel.membershipType ?? 'standard',
        ...(channel.webUrl ? { webUrl: channel.webUrl } : {}),
        ...(channel.email ? { email: channel.email } : {}),
      })),
    };
  },
});
