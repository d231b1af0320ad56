import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRedis } from '../client.js';

export const expireKey = defineAction({
  auth,
  key: 'expire',
  title: 'Set a time to live',
  description: 'Makes a key expire after a number of seconds (EXPIRE), or removes its expiry (PERSIST).',
  input: Type.Object({
    key: Type.String({ minLength: 1, description: 'Key whose lifetime to set' }),
    seconds: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'Seconds until the key expires; null removes the expiry so the key lives on',
    }),
  }),
  output: Type.Object({
    key: Type.String(),
    applied: Type.Boolean({ description: 'False when the key does not exist (or had no expiry to remove)' }),
  }),
  examples: [
    { input: { key: 'session:42', seconds: 600 }, output: { key: 'session:42', applied: true } },
    {
      title: 'Keep a key forever',
      input: { key: 'session:42', seconds: null },
      output: { key: 'session:42', applied: true },
    },
  ],
  async run({ input, auth, ctx }) {
    const { key, seconds } = input;
    const changed = await withRedis(auth, ctx, (redis) =>
      seconds === null ? redis.persist(key) : redis.expire(key, seconds),
    );
    return { key, applied: changed === 1 };
  },
});
