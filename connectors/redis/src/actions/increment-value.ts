import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRedis } from '../client.js';

export const incrementValue = defineAction({
  auth,
  key: 'incr',
  title: 'Increment a counter',
  description:
    'Adds an integer to the number stored at a key (INCRBY), creating it at 0 first when missing. Negative steps decrement.',
  input: Type.Object({
    key: Type.String({ minLength: 1, description: 'Key holding the counter' }),
    by: Type.Integer({ default: 1, description: 'Amount to add (negative to subtract); default 1' }),
  }),
  output: Type.Object({
    key: Type.String(),
    value: Type.Integer({ description: 'The counter after the increment' }),
  }),
  examples: [
    { input: { key: 'visits:home', by: 1 }, output: { key: 'visits:home', value: 1 } },
    { title: 'Take back five', input: { key: 'stock:sku-1', by: -5 }, output: { key: 'stock:sku-1', value: 15 } },
  ],
  async run({ input, auth, ctx }) {
    const value = await withRedis(auth, ctx, (redis) => redis.incrby(input.key, input.by));
    return { key: input.key, value };
  },
});
