import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDiscord } from '../client.js';
import { snowflake } from '../messages.js';

export const deleteMessage = defineAction({
  auth,
  key: 'messages.delete',
  title: 'Delete a message',
  description:
    'Deletes a message (Delete Message). The bot can always delete its own messages; others’ need Manage Messages in the channel.',
  input: Type.Object({
    channelId: snowflake('Channel the message is in'),
    messageId: snowflake('Message to delete'),
    reason: Type.Optional(Type.String({ maxLength: 512, description: 'Reason recorded in the server’s audit log' })),
  }),
  output: Type.Object({
    deleted: Type.Boolean({ description: 'True once Discord has deleted the message' }),
    messageId: Type.String({ description: 'The deleted message’s id' }),
  }),
  examples: [
    {
      input: { channelId: '1100000000000000010', messageId: '1100000000000000100' },
      output: { deleted: true, messageId: '1100000000000000100' },
    },
  ],
  async run({ input, auth, ctx }) {
    await withDiscord(auth, ctx, (http) =>
      http.delete(`/channels/${input.channelId}/messages/${input.messageId}`, {
        headers: input.reason ? { 'x-audit-log-reason': encodeURIComponent(input.reason) } : {},
      }),
    );
    return { deleted: true, messageId: input.messageId };
  },
});
