import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { exactInteger, withRedis } from '../client.js';

export const incrementValue = defineAction({
  auth,
  key: 'incr',
  title: 'Increment a counter',
  description:
    'Adds an integer to the number stored at a key (INCRBY), creating it at 0 first when missing. Negative steps decrement. Redis counters are 64-bit: values beyond ±(2^53 - 1) come back as decimal strings so no digit is lost.',
  input: Type.Object({
    key: Type.String({ minLength: 1, description: 'Key holding the counter' }),
    by: Type.Union([Type.Integer(), Type.String({ pattern: '^-?[0-9]{1,19}$' })], {
      default: 1,
      description:
        'Amount to add (negative to subtract); default 1. Give steps beyond ±(2^53 - 1) as a decimal string: a JSON number that large may be rounded before it arrives.',
    }),
  }),
  output: Type.Object({
    key: Type.String(),
    value: Type.Union([Type.Integer(), Type.String({ pattern: '^-?[0-9]+$' })], {
      description:
        'The counter after the increment: an integer, or its decimal string when it lies beyond ±(2^53 - 1) (JSON numbers are exact only up to there)',
    }),
  }),
  examples: [
    { input: { key: 'visits:home', by: 1 }, output: { key: 'visits:home', value: 1 } },
    { title: 'Take back five', input: { key: 'stock:sku-1', by: -5 }, output: { key: 'stock:sku-1', value: 15 } },
    {
      title: 'A counter past 2^53',
      input: { key: 'events:total', by: 2 },
      output: { key: 'events:total', value: '9007199254740993' },
    },
  ],
  async run({ input, auth, ctx }) {
    const reply = await withRedis(auth, ctx, (redis) => redis.call('INCRBY', input.key, String(input.by)), {
      stringNumbers: true,
    });
    return { key: input.key, value: exactInteger(reply) };
  },
});
