import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRedis } from '../client.js';

export const getValue = defineAction({
  auth,
  key: 'get',
  title: 'Get a value',
  description: 'Reads the string stored at a key (GET). A missing key gives `value: null`.',
  input: Type.Object({
    key: Type.String({ minLength: 1, description: 'Key to read' }),
  }),
  output: Type.Object({
    key: Type.String(),
    exists: Type.Boolean({ description: 'Whether the key exists' }),
    value: Type.Union([Type.String(), Type.Null()], { description: 'The value as UTF-8 text, or null' }),
  }),
  examples: [
    { input: { key: 'session:42' }, output: { key: 'session:42', exists: true, value: '{"user":"ada"}' } },
    { title: 'A missing key', input: { key: 'nope' }, output: { key: 'nope', exists: false, value: null } },
  ],
  async run({ input, auth, ctx }) {
    const value = await withRedis(auth, ctx, (redis) => redis.get(input.key));
    return { key: input.key, exists: value !== null, value };
  },
});
