import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNats } from '../client.js';
import { openBucket } from '../jetstream.js';
import { bucketName } from '../stream-names.js';

export const kvKeys = defineAction({
  auth,
  key: 'kv.keys',
  title: 'List keys',
  description:
    'Lists the keys of a key-value bucket that have a value (deleted keys are left out), optionally under a filter.',
  input: Type.Object({
    bucket: bucketName,
    filter: Type.String({
      minLength: 1,
      default: '>',
      pattern: '^[-/_=.a-zA-Z0-9*>]+$',
      description: 'Key filter: `*` matches one level, `>` the rest, e.g. `tenants.*.plan`; default every key',
    }),
    limit: Type.Integer({ minimum: 1, maximum: 100000, default: 1000, description: 'Most keys to return' }),
  }),
  output: Type.Object({
    bucket: Type.String({ description: 'Bucket' }),
    keys: Type.Array(Type.String(), { description: 'Keys, sorted' }),
    count: Type.Integer({ minimum: 0, description: 'How many keys are listed' }),
    truncated: Type.Boolean({ description: 'True when more keys matched than `limit`' }),
  }),
  examples: [
    {
      input: { bucket: 'config', filter: 'tenants.*.plan', limit: 1000 },
      output: { bucket: 'config', keys: ['tenants.acme.plan', 'tenants.globex.plan'], count: 2, truncated: false },
    },
  ],
  async run({ input, auth, ctx }) {
    const found = await withNats(auth, ctx, async (nc) => {
      const kv = await openBucket(nc, auth, input.bucket);
      const keys: string[] = [];
      for await (const key of await kv.keys(input.filter)) keys.push(key);
      return keys;
    });
    const keys = [...new Set(found)].sort();
    return {
      bucket: input.bucket,
      keys: keys.slice(0, input.limit),
      count: Math.min(keys.length, input.limit),
      truncated: keys.length > input.limit,
    };
  },
});
