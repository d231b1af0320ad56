import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { type GraphPage, withGraph } from '../client.js';
import { idField, messageOf, messageSchema, type RawMessage } from '../messages.js';

export const newChannelMessages = defineTrigger({
  auth,
  kind: 'polling',
  key: 'channelMessages.new',
  title: 'New channel messages',
  description:
    'Starts a workflow for each new message that starts a thread in a channel: each poll reads the newest page of the channel’s messages and emits those not emitted before (by id), oldest first. System messages (members added, and the like) are left out.',
  input: Type.Object({
    teamId: idField('Team the channel belongs to'),
    channelId: idField('Channel to watch'),
    top: Type.Integer({
      minimum: 1,
      maximum: 50,
      default: 50,
      description:
        'Newest messages read per poll, 1–50 (default 50); more new ones than this between two polls are missed',
    }),
  }),
  output: messageSchema,
  dedupe: { by: 'id', field: 'id' },
  examples: [
    {
      input: {
        teamId: '172b0cce-e65d-44ce-9a49-91d9f2e8493a',
        channelId: '19:561fbdbbfca848a484f0a6f00ce9dbbd@thread.tacv2',
        top: 50,
      },
    },
  ],
  async poll({ input, auth, ctx }) {
    const path = `/teams/${encodeURIComponent(input.teamId)}/channels/${encodeURIComponent(input.channelId)}/messages`;
    const page: GraphPage<RawMessage & { messageType?: string }> = await withGraph(auth, ctx, (graph) =>
      graph.api(path).top(input.top).get(),
    );
    return page.value
      .filter((message) => (message.messageType ?? 'message') === 'message')
      .map(messageOf)
      .sort((a, b) => Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime));
  },
});
