import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRedis } from '../client.js';

export const getHashField = defineAction({
  auth,
  key: 'hash.get',
  title: 'Get a hash field',
  description: 'Reads one field of a hash (HGET). A missing key or field gives `value: null`.',
  input: Type.Object({
    key: Type.String({ minLength: 1, description: 'Key of the hash' }),
    field: Type.String({ minLength: 1, description: 'Field to read' }),
  }),
  output: Type.Object({
    key: Type.String(),
    field: Type.String(),
    exists: Type.Boolean({ description: 'Whether the field exists' }),
    value: Type.Union([Type.String(), Type.Null()], { description: 'The field value, or null' }),
  }),
  examples: [
    {
      input: { key: 'user:42', field: 'email' },
      output: { key: 'user:42', field: 'email', exists: true, value: 'ada@example.com' },
    },
  ],
  async run({ input, auth, ctx }) {
    const value = await withRedis(auth, ctx, (redis) => redis.hget(input.key, input.field));
    return { key: input.key, field: input.field, exists: value !== null, value };
  },
});
