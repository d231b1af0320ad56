import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRedis } from '../client.js';

export const deleteKeys = defineAction({
  auth,
  key: 'delete',
  title: 'Delete keys',
  description: 'Removes one or more keys of any type (DEL) and says how many existed.',
  input: Type.Object({
    keys: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      maxItems: 1000,
      description: 'Keys to remove (up to 1000)',
    }),
  }),
  output: Type.Object({
    deleted: Type.Integer({ minimum: 0, description: 'How many of the keys existed and were removed' }),
  }),
  examples: [{ input: { keys: ['session:42', 'session:43'] }, output: { deleted: 1 } }],
  async run({ input, auth, ctx }) {
    const deleted = await withRedis(auth, ctx, (redis) => redis.del(...input.keys));
    return { deleted };
  },
});
