import { defineAction, Type } from '@mova/sdk';
import { required } from '../answer.js';
import { auth } from '../auth.js';
import { callSlack } from '../client.js';
import { collectPages } from '../pages.js';

const slackTs = (description: string) => Type.String({ pattern: '^\\d+(\\.\\d+)?$', description });

const message = Type.Object({
  ts: Type.String({ description: 'Timestamp ID of the message' }),
  type: Type.String({ description: 'Event type, "message" for messages' }),
  subtype: Type.Optional(Type.String({ description: 'Message subtype, e.g. bot_message, channel_join' })),
  text: Type.String({ description: 'Message text (mrkdwn); empty for messages made only of blocks or files' }),
  user: Type.Optional(Type.String({ description: 'ID of the user who posted it' })),
  botId: Type.Optional(Type.String({ description: 'ID of the bot that posted it' })),
  threadTs: Type.Optional(Type.String({ description: 'ts of the thread parent, when in or starting a thread' })),
  replyCount: Type.Optional(Type.Integer({ description: 'Number of replies, on thread parents' })),
});

export const readHistory = defineAction({
  auth,
  key: 'conversations.history',
  title: 'Read channel history',
  description:
    'Reads messages from a channel, newest first, optionally between two timestamps, following Slack’s cursor up to a limit (Slack conversations.history).',
  input: Type.Object({
    channel: Type.String({ minLength: 1, description: 'ID of the channel to read; the app must be in it' }),
    oldest: Type.Optional(slackTs('Only messages after this Unix timestamp (e.g. "1712000000" or a message ts)')),
    latest: Type.Optional(slackTs('Only messages before this Unix timestamp; default now')),
    inclusive: Type.Boolean({ default: false, description: 'Include messages exactly at oldest or latest' }),
    limit: Type.Integer({ minimum: 1, maximum: 10000, default: 100, description: 'Most messages to return' }),
    cursor: Type.Optional(
      Type.String({ minLength: 1, description: 'nextCursor from an earlier call, to continue where it stopped' }),
    ),
  }),
  output: Type.Object({
    messages: Type.Array(message, { description: 'Messages, newest first' }),
    nextCursor: Type.Optional(Type.String({ description: 'Present when more messages remain; pass it as cursor' })),
  }),
  examples: [
    {
      input: { channel: 'C0123456789', oldest: '1712000000', inclusive: false, limit: 1 },
      output: {
        messages: [{ ts: '1712345678.000100', type: 'message', text: 'Build 42 failed', user: 'U012AB3CD' }],
        nextCursor: 'bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { items, nextCursor } = await callSlack(auth, ctx, (slack) =>
      collectPages(input.limit, input.cursor, async (cursor, pageSize) => {
        const page = await slack.conversations.history({
          channel: input.channel,
          oldest: input.oldest,
          latest: input.latest,
          inclusive: input.inclusive,
          limit: pageSize,
          cursor,
        });
        return { items: page.messages ?? [], nextCursor: page.response_metadata?.next_cursor };
      }),
    );
    return {
      messages: items.map((m) => ({
        ts: required(m.ts, 'message ts', ctx.actionKey),
        type: m.type ?? 'message',
        subtype: m.subtype,
        text: m.text ?? '',
        user: m.user,
        botId: m.bot_id,
        threadTs: m.thread_ts,
        replyCount: m.reply_count,
      })),
      nextCursor,
    };
  },
});
