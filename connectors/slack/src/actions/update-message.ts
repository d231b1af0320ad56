import { defineAction, Type } from '@mova/sdk';
import { required } from '../answer.js';
import { auth } from '../auth.js';
import { blocksField } from '../blocks.js';
import { callSlack } from '../client.js';

export const updateMessage = defineAction({
  auth,
  key: 'chat.update',
  title: 'Update a message',
  description: 'Replaces the text (and blocks) of a message the app or user posted earlier (Slack chat.update).',
  input: Type.Object({
    channel: Type.String({ minLength: 1, description: 'ID of the channel that holds the message' }),
    ts: Type.String({ pattern: '^\\d+\\.\\d+$', description: 'Timestamp ID of the message to update' }),
    text: Type.String({ minLength: 1, maxLength: 40000, description: 'New message text (mrkdwn)' }),
    blocks: Type.Optional(blocksField),
  }),
  output: Type.Object({
    channel: Type.String({ description: 'ID of the channel that holds the message' }),
    ts: Type.String({ description: 'Timestamp ID of the updated message' }),
    text: Type.String({ description: 'The text Slack stored' }),
  }),
  examples: [
    {
      input: { channel: 'C0123456789', ts: '1712345678.000100', text: 'Build 42 fixed' },
      output: { channel: 'C0123456789', ts: '1712345678.000100', text: 'Build 42 fixed' },
    },
  ],
  async run({ input, auth, ctx }) {
    const contents = input.blocks
      ? { channel: input.channel, text: input.text, blocks: input.blocks }
      : { channel: input.channel, text: input.text };
    const answer = await callSlack(auth, ctx, (slack) => slack.chat.update({ ...contents, ts: input.ts }));
    return {
      channel: required(answer.channel, 'channel', ctx.actionKey),
      ts: required(answer.ts, 'ts', ctx.actionKey),
      text: required(answer.text, 'text', ctx.actionKey),
    };
  },
});
