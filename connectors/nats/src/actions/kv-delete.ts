import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNats } from '../client.js';
import { openBucket } from '../jetstream.js';
import { bucketName, keyName } from '../stream-names.js';

export const kvDelete = defineAction({
  auth,
  key: 'kv.delete',
  title: 'Delete a key',
  description:
    'Deletes a key from a key-value bucket (a delete marker, history kept), or purges it (its history removed too). With `previousRevision` it deletes only if the key is still at that revision.',
  input: Type.Object({
    bucket: bucketName,
    key: keyName,
    purge: Type.Boolean({ default: false, description: 'Also remove every earlier revision of the key' }),
    previousRevision: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Delete only if the key is at this revision; fails as a conflict otherwise',
      }),
    ),
  }),
  output: Type.Object({
    bucket: Type.String({ description: 'Bucket' }),
    key: Type.String({ description: 'Key deleted' }),
    purged: Type.Boolean({ description: 'True when the history was removed too' }),
  }),
  examples: [
    {
      input: { bucket: 'config', key: 'tenants.acme.plan' },
      output: { bucket: 'config', key: 'tenants.acme.plan', purged: false },
    },
  ],
  async run({ input, auth, ctx }) {
    await withNats(auth, ctx, async (nc) => {
      const kv = await openBucket(nc, auth, input.bucket);
      const options = input.previousRevision === undefined ? undefined : { previousSeq: input.previousRevision };
      if (input.purge) await kv.purge(input.key, options);
      else await kv.delete(input.key, options);
    });
    return { bucket: input.bucket, key: input.key, purged: input.purge };
  },
});
