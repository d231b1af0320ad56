import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withTwilio } from '../client.js';
import { callOf, callSchema } from '../schemas.js';

export const getCall = defineAction({
  auth,
  key: 'calls.get',
  title: 'Get a call',
  description: 'Reads one call by SID: its status, duration, who answered (with machine detection) and price.',
  input: Type.Object({ sid: Type.String({ pattern: '^CA[0-9a-fA-F]{32}$', description: 'Call SID (CA…)' }) }),
  output: callSchema,
  examples: [{ title: 'Did the call go through?', input: { sid: 'CA5e1b2c3d4e5f60718293a4b5c6d7e8f9' } }],
  async run({ input, auth, ctx }) {
    return callOf(await withTwilio(auth, ctx, (client) => client.calls(input.sid).fetch()));
  },
});
