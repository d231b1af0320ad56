import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGraph } from '../client.js';
import { chatMessageOf, idField, messageBodyFields, messageOf, messageSchema, type RawMessage } from '../messages.js';

export const replyToChannelMessage = defineAction({
  auth,
  key: 'channelMessages.reply',
  title: 'Reply to a channel message',
  description:
    'Replies in the thread of a channel message as the signed-in user, as text or HTML with an optional adaptive card (delegated permission ChannelMessage.Send).',
  input: Type.Object({
    teamId: idField('Team the channel belongs to'),
    channelId: idField('Channel of the thread'),
    messageId: idField('The thread’s first message to reply to'),
    ...messageBodyFields,
  }),
  output: messageSchema,
  examples: [
    {
      input: {
        teamId: '172b0cce-e65d-44ce-9a49-91d9f2e8493a',
        channelId: '19:561fbdbbfca848a484f0a6f00ce9dbbd@thread.tacv2',
        messageId: '1616990032035',
        content: 'Fixed in build 43',
        contentType: 'text',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const path = `/teams/${encodeURIComponent(input.teamId)}/channels/${encodeURIComponent(input.channelId)}/messages/${encodeURIComponent(input.messageId)}/replies`;
    const sent: RawMessage = await withGraph(auth, ctx, (graph) =>
      graph.api(path).post(chatMessageOf(input, ctx.actionKey)),
    );
    return messageOf(sent);
  },
});
