import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRedis } from '../client.js';

export const getHash = defineAction({
  auth,
  key: 'hash.getAll',
  title: 'Get a whole hash',
  description: 'Reads every field of a hash (HGETALL). A missing key gives an empty object.',
  input: Type.Object({
    key: Type.String({ minLength: 1, description: 'Key of the hash' }),
  }),
  output: Type.Object({
    key: Type.String(),
    fields: Type.Record(Type.String(), Type.String(), { description: 'Every field and its value' }),
    count: Type.Integer({ minimum: 0, description: 'Number of fields' }),
  }),
  examples: [
    {
      input: { key: 'user:42' },
      output: { key: 'user:42', fields: { name: 'Ada', email: 'ada@example.com' }, count: 2 },
    },
  ],
  async run({ input, auth, ctx }) {
    const fields = await withRedis(auth, ctx, (redis) => redis.hgetall(input.key));
    return { key: input.key, fields, count: Object.keys(fields).length };
  },
});
