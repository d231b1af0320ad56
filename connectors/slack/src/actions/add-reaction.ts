import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callSlack } from '../client.js';

export const addReaction = defineAction({
  auth,
  key: 'reactions.add',
  title: 'Add a reaction',
  description: 'Adds an emoji reaction to a message (Slack reactions.add).',
  input: Type.Object({
    channel: Type.String({ minLength: 1, description: 'ID of the channel that holds the message' }),
    timestamp: Type.String({ pattern: '^\\d+\\.\\d+$', description: 'Timestamp ID (ts) of the message to react to' }),
    name: Type.String({
      pattern: "^:?[a-z0-9_+\\-']+(::skin-tone-[2-6])?:?$",
      description: 'Emoji name, with or without colons, e.g. "white_check_mark" or ":eyes:"',
    }),
  }),
  output: Type.Object({
    channel: Type.String({ description: 'ID of the channel that holds the message' }),
    timestamp: Type.String({ description: 'ts of the message reacted to' }),
    name: Type.String({ description: 'Emoji name as sent to Slack, without colons' }),
  }),
  examples: [
    {
      input: { channel: 'C0123456789', timestamp: '1712345678.000100', name: ':eyes:' },
      output: { channel: 'C0123456789', timestamp: '1712345678.000100', name: 'eyes' },
    },
  ],
  async run({ input, auth, ctx }) {
    // Slack wants the bare name; people copy emoji with their colons.
    const name = input.name.replace(/^:|:$/g, '');
    await callSlack(auth, ctx, (slack) =>
      slack.reactions.add({ channel: input.channel, timestamp: input.timestamp, name }),
    );
    return { channel: input.channel, timestamp: input.timestamp, name };
  },
});
