import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDiscord } from '../client.js';
import {
  allowedMentions,
  allowedMentionsField,
  embedsField,
  messageOf,
  messageSchema,
  type RawMessage,
  snowflake,
} from '../messages.js';

export const sendMessage = defineAction({
  auth,
  key: 'messages.send',
  title: 'Send a message',
  description:
    'Posts a message in a channel, thread or DM channel as the bot (Create Message), with text, embeds, or both; optionally as a reply to another message. Needs Send Messages (and Embed Links for embeds) in the channel.',
  input: Type.Object(
    {
      channelId: snowflake('Channel, thread or DM channel to post in'),
      content: Type.Optional(
        Type.String({ maxLength: 2000, description: 'Message text (markdown), up to 2000 characters' }),
      ),
      embeds: embedsField,
      replyTo: Type.Optional(snowflake('Message in the same channel to reply to')),
      tts: Type.Optional(Type.Boolean({ description: 'Send as a text-to-speech message' })),
      allowedMentions: allowedMentionsField,
    },
    { description: 'Give content, embeds, or both' },
  ),
  output: messageSchema,
  examples: [
    {
      title: 'Alert with an embed',
      input: {
        channelId: '1100000000000000010',
        content: 'Build 42 failed',
        embeds: [
          {
            title: 'Build #42',
            description: 'Unit tests failed on main',
            color: 0xed4245,
            fields: [{ name: 'Branch', value: 'main', inline: true }],
          },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    if (!input.content && !input.embeds?.length) {
      throw new ConnectorError('messages.send needs content or at least one embed', {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    const { data } = await withDiscord(auth, ctx, (http) =>
      http.post<RawMessage>(`/channels/${input.channelId}/messages`, {
        json: {
          content: input.content,
          embeds: input.embeds,
          tts: input.tts,
          allowed_mentions: allowedMentions(input.allowedMentions),
          message_reference: input.replyTo ? { message_id: input.replyTo, fail_if_not_exists: true } : undefined,
        },
      }),
    );
    return messageOf(data);
  },
});
