import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDiscord } from '../client.js';
import { embedsField, messageOf, messageSchema, type RawMessage, snowflake } from '../messages.js';

export const editMessage = defineAction({
  auth,
  key: 'messages.edit',
  title: 'Edit a message',
  description:
    'Changes the text or embeds of a message the bot sent (Edit Message). Fields left out stay as they are; an empty embeds list removes the embeds.',
  input: Type.Object({
    channelId: snowflake('Channel the message is in'),
    messageId: snowflake('Message to edit'),
    content: Type.Optional(Type.String({ maxLength: 2000, description: 'New message text; "" clears it' })),
    embeds: embedsField,
  }),
  output: messageSchema,
  examples: [
    {
      input: { channelId: '1100000000000000010', messageId: '1100000000000000100', content: 'Build 42 fixed' },
    },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await withDiscord(auth, ctx, (http) =>
      http.patch<RawMessage>(`/channels/${input.channelId}/messages/${input.messageId}`, {
        json: { content: input.content, embeds: input.embeds },
      }),
    );
    return messageOf(data);
  },
});
