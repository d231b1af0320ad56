import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withTwilio } from '../client.js';
import { messageOf, messageSchema } from '../schemas.js';

export const getMessage = defineAction({
  auth,
  key: 'messages.get',
  title: 'Get a message',
  description: 'Reads one message by SID: its text, sender and recipient, delivery status, error code and price.',
  input: Type.Object({
    sid: Type.String({ pattern: '^(SM|MM)[0-9a-fA-F]{32}$', description: 'Message SID (SM… or MM…)' }),
  }),
  output: messageSchema,
  examples: [{ title: 'Check delivery', input: { sid: 'SM3f2a0c6b4d8e4f0a9b1c2d3e4f5a6b7c' } }],
  async run({ input, auth, ctx }) {
    return messageOf(await withTwilio(auth, ctx, (client) => client.messages(input.sid).fetch()));
  },
});
