import { defineAction, Type } from '@mova/sdk';
import { required } from '../answer.js';
import { auth } from '../auth.js';
import { blocksField } from '../blocks.js';
import { callSlack } from '../client.js';

export const postMessage = defineAction({
  auth,
  key: 'chat.postMessage',
  title: 'Post a message',
  description: 'Posts a message to a channel, a direct message or a thread (Slack chat.postMessage).',
  input: Type.Object({
    channel: Type.String({
      minLength: 1,
      description: 'Channel ID (C…, G…), DM ID (D…) or user ID (U…) to post to; the app must be in the channel',
    }),
    text: Type.String({
      minLength: 1,
      maxLength: 40000,
      description: 'Message text (mrkdwn); with blocks it is the notification and screen-reader fallback',
    }),
    blocks: Type.Optional(blocksField),
    threadTs: Type.Optional(
      Type.String({ pattern: '^\\d+\\.\\d+$', description: 'ts of the parent message, to reply in its thread' }),
    ),
    replyBroadcast: Type.Boolean({ default: false, description: 'With threadTs: also show the reply in the channel' }),
  }),
  output: Type.Object({
    channel: Type.String({ description: 'ID of the channel the message went to' }),
    ts: Type.String({ description: 'Timestamp ID of the new message; use it to update, react or reply' }),
  }),
  examples: [
    {
      title: 'Post to a channel',
      input: { channel: 'C0123456789', text: 'Build 42 failed on main', replyBroadcast: false },
      output: { channel: 'C0123456789', ts: '1712345678.000100' },
    },
  ],
  async run({ input, auth, ctx }) {
    // The SDK types text-only, block and thread messages as distinct shapes; send only the fields in use.
    const contents = input.blocks
      ? { channel: input.channel, text: input.text, blocks: input.blocks }
      : { channel: input.channel, text: input.text };
    const thread = input.threadTs ? { thread_ts: input.threadTs, reply_broadcast: input.replyBroadcast } : {};
    const answer = await callSlack(auth, ctx, (slack) => slack.chat.postMessage({ ...contents, ...thread }));
    return {
      channel: required(answer.channel, 'channel', ctx.actionKey),
      ts: required(answer.ts, 'ts', ctx.actionKey),
    };
  },
});
