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

/** A webhook URL as Discord shows it, on any of its hosts and with or without an API version. */
const WEBHOOK_URL =
  '^https://(?:(?:ptb|canary)\\.)?discord(?:app)?\\.com/api(?:/v[0-9]+)?/webhooks/([0-9]{15,21})/([A-Za-z0-9_-]{20,})/?$';

export const executeWebhook = defineAction({
  auth,
  key: 'webhooks.execute',
  title: 'Send a message through a webhook',
  description:
    'Posts a message through a channel webhook (Execute Webhook), with its own name and avatar, and waits for Discord to confirm it (wait=true) so the message is returned. The webhook URL carries its own token: the bot token is not sent; the request goes to the connection’s API root.',
  input: Type.Object(
    {
      webhookUrl: Type.String({
        pattern: WEBHOOK_URL,
        writeOnly: true,
        description:
          'Webhook URL from the channel’s Integrations → Webhooks (https://discord.com/api/webhooks/<id>/<token>)',
      }),
      content: Type.Optional(
        Type.String({ maxLength: 2000, description: 'Message text (markdown), up to 2000 characters' }),
      ),
      embeds: embedsField,
      username: Type.Optional(
        Type.String({ minLength: 1, maxLength: 80, description: 'Name to post as, instead of the webhook’s' }),
      ),
      avatarUrl: Type.Optional(Type.String({ minLength: 1, description: 'Avatar image URL to post with' })),
      threadId: Type.Optional(snowflake('Thread in the webhook’s channel to post in')),
      allowedMentions: allowedMentionsField,
    },
    { description: 'Give content, embeds, or both' },
  ),
  output: messageSchema,
  examples: [
    {
      input: {
        webhookUrl: 'https://discord.com/api/webhooks/1100000000000000500/hook-token-aaaaaaaaaaaaaaaaaaaa',
        content: 'Deploy finished',
        username: 'Deploy bot',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const match = new RegExp(WEBHOOK_URL).exec(input.webhookUrl);
    if (!match) {
      throw new ConnectorError('webhookUrl is not a Discord webhook URL', {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    if (!input.content && !input.embeds?.length) {
      throw new ConnectorError('webhooks.execute needs content or at least one embed', {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    const [, id, token] = match;
    const { data } = await withDiscord(
      auth,
      ctx,
      (http) =>
        http.post<RawMessage>(`/webhooks/${id}/${token}`, {
          query: { wait: true, thread_id: input.threadId },
          json: {
            content: input.content,
            embeds: input.embeds,
            username: input.username,
            avatar_url: input.avatarUrl,
            allowed_mentions: allowedMentions(input.allowedMentions),
          },
        }),
      { bot: false },
    );
    return messageOf(data);
  },
});
