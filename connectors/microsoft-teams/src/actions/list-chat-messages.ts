import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { type GraphPage, nextPageToken, withGraph } from '../client.js';
import { idField, messageOf, pageFields, pageOutput, type RawMessage } from '../messages.js';

export const listChatMessages = defineAction({
  auth,
  key: 'chatMessages.list',
  title: 'List chat messages',
  description: 'Reads a chat’s messages, newest first, a page at a time (Chat.Read or Chat.ReadWrite).',
  input: Type.Object({
    chatId: idField('Chat to read'),
    ...pageFields,
  }),
  output: pageOutput,
  examples: [{ input: { chatId: '19:2da4c29f6d7041eca70b638b43d45437@thread.v2', top: 20 } }],
  async run({ input, auth, ctx }) {
    const path = `/chats/${encodeURIComponent(input.chatId)}/messages`;
    const page: GraphPage<RawMessage> = await withGraph(auth, ctx, (graph) => {
      const request = graph.api(path);
      return (
        input.pageToken ? request.query(input.pageToken) : request.top(input.top).orderby('createdDateTime desc')
      ).get();
    });
    const next = nextPageToken(page);
    return { messages: page.value.map(messageOf), ...(next ? { nextPageToken: next } : {}) };
  },
});
