import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { type GraphPage, nextPageToken, withGraph } from '../client.js';
import { idField, messageOf, pageFields, pageOutput, type RawMessage } from '../messages.js';

export const listChannelMessages = defineAction({
  auth,
  key: 'channelMessages.list',
  title: 'List channel messages',
  description:
    'Reads the messages that start threads in a channel (not their replies), a page at a time (ChannelMessage.Read.All).',
  input: Type.Object({
    teamId: idField('Team the channel belongs to'),
    channelId: idField('Channel to read'),
    ...pageFields,
  }),
  output: pageOutput,
  examples: [
    {
      input: {
        teamId: '172b0cce-e65d-44ce-9a49-91d9f2e8493a',
        channelId: '19:561fbdbbfca848a484f0a6f00ce9dbbd@thread.tacv2',
        top: 20,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const path = `/teams/${encodeURIComponent(input.teamId)}/channels/${encodeURIComponent(input.channelId)}/messages`;
    const page: GraphPage<RawMessage> = await withGraph(auth, ctx, (graph) => {
      const request = graph.api(path);
      return (input.pageToken ? request.query(input.pageToken) : request.top(input.top)).get();
    });
    const next = nextPageToken(page);
    return { messages: page.value.map(messageOf), ...(next ? { nextPageToken: next } : {}) };
  },
});
