import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGraph } from '../client.js';
import { chatMessageOf, idField, messageBodyFields, messageOf, messageSchema, type RawMessage } from '../messages.js';

export const sendChatMessage = defineAction({
  auth,
  key: 'chatMessages.send',
  title: 'Send a chat message',
  description:
    'Sends a message in a one-on-one, group or meeting chat as the signed-in user, as text or HTML with an optional adaptive card (delegated permission ChatMessage.Send or Chat.ReadWrite).',
  input: Type.Object({
    chatId: idField('Chat to post in (19:…@unq.gbl.spaces or 19:…@thread.v2)'),
    ...messageBodyFields,
  }),
  output: messageSchema,
  examples: [
    {
      input: {
        chatId: '19:2da4c29f6d7041eca70b638b43d45437@thread.v2',
        content: 'The report is ready',
        contentType: 'text',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const path = `/chats/${encodeURIComponent(input.chatId)}/messages`;
    const sent: RawMessage = await withGraph(auth, ctx, (graph) =>
      graph.api(path).post(chatMessageOf(input, ctx.actionKey)),
    );
    return messageOf(sent);
  },
});
