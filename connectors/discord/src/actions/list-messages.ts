import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDiscord } from '../client.js';
import { messageOf, messageSchema, type RawMessage, snowflake } from '../messages.js';

export const listMessages = defineAction({
  auth,
  key: 'messages.list',
  title: 'List messages',
  description:
    'Reads a channel’s messages, newest first (Get Channel Messages). Page back with before (the oldest id seen), or forward with after. Needs Read Message History.',
  input: Type.Object({
    channelId: snowflake('Channel to read'),
    limit: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 50,
      description: 'Messages to return, 1–100 (default 50)',
    }),
    before: Type.Optional(snowflake('Only messages older than this message id')),
    after: Type.Optional(snowflake('Only messages newer than this message id')),
  }),
  output: Type.Object({
    messages: Type.Array(messageSchema, { description: 'Messages, newest first' }),
    nextBefore: Type.Optional(
      Type.String({ description: 'Pass as before to read the next older page; absent on the last page' }),
    ),
  }),
  examples: [{ input: { channelId: '1100000000000000010', limit: 20 } }],
  async run({ input, auth, ctx }) {
    const { data } = await withDiscord(auth, ctx, (http) =>
      http.get<RawMessage[]>(`/channels/${input.channelId}/messages`, {
        query: { limit: input.limit, before: input.before, after: input.after },
      }),
    );
    const messages = data.map(messageOf);
    const oldest = messages.at(-1);
    return {
      messages,
      ...(messages.length === input.limit && oldest && input.after === undefined ? { nextBefore: oldest.id } : {}),
    };
  },
});
