import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRedis } from '../client.js';

export const pushList = defineAction({
  auth,
  key: 'list.push',
  title: 'Push onto a list',
  description:
    'Adds values to the head (LPUSH) or tail (RPUSH) of a list, creating it when missing unless `onlyIfExists` is set.',
  input: Type.Object({
    key: Type.String({ minLength: 1, description: 'Key of the list' }),
    values: Type.Array(Type.String(), { minItems: 1, maxItems: 1000, description: 'Values to add, in order' }),
    end: Type.Union([Type.Literal('left'), Type.Literal('right')], {
      default: 'right',
      description: 'Which end to push onto: left (head) or right (tail, the default)',
    }),
    onlyIfExists: Type.Boolean({
      default: false,
      description: 'Push only when the list already exists (LPUSHX/RPUSHX); otherwise nothing happens',
    }),
  }),
  output: Type.Object({
    key: Type.String(),
    length: Type.Integer({ minimum: 0, description: 'Length of the list after the push (0: it did not exist)' }),
  }),
  examples: [
    {
      input: { key: 'jobs', values: ['job-1', 'job-2'], end: 'right', onlyIfExists: false },
      output: { key: 'jobs', length: 2 },
    },
  ],
  async run({ input, auth, ctx }) {
    const { key, values, end, onlyIfExists } = input;
    const length = await withRedis(auth, ctx, (redis) => {
      if (end === 'left') return onlyIfExists ? redis.lpushx(key, ...values) : redis.lpush(key, ...values);
      return onlyIfExists ? redis.rpushx(key, ...values) : redis.rpush(key, ...values);
    });
    return { key, length };
  },
});
