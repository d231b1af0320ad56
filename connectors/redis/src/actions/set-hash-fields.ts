import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRedis } from '../client.js';

export const setHashFields = defineAction({
  auth,
  key: 'hash.set',
  title: 'Set hash fields',
  description: 'Writes one or more fields of a hash (HSET), creating the hash when missing.',
  input: Type.Object({
    key: Type.String({ minLength: 1, description: 'Key of the hash' }),
    fields: Type.Record(Type.String(), Type.String(), {
      minProperties: 1,
      description: 'Field names and the text to store in each',
    }),
  }),
  output: Type.Object({
    key: Type.String(),
    added: Type.Integer({
      minimum: 0,
      description: 'How many fields are new (fields that were overwritten do not count)',
    }),
  }),
  examples: [
    {
      input: { key: 'user:42', fields: { name: 'Ada', email: 'ada@example.com' } },
      output: { key: 'user:42', added: 2 },
    },
  ],
  async run({ input, auth, ctx }) {
    const added = await withRedis(auth, ctx, (redis) => redis.hset(input.key, input.fields));
    return { key: input.key, added };
  },
});
