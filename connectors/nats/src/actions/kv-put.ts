import { defineAction, Type } from '@mova/sdk';
import { encodePayload, payloadEncodingField } from '@mova/sdk/messaging';
import { auth } from '../auth.js';
import { withNats } from '../client.js';
import { openBucket } from '../jetstream.js';
import { bucketName, keyName } from '../stream-names.js';

export const kvPut = defineAction({
  auth,
  key: 'kv.put',
  title: 'Put a key',
  description:
    'Writes a value to a key in a key-value bucket and returns its new revision. With `previousRevision` it writes only if the key is still at that revision (0: only if the key does not exist), and fails as a conflict otherwise.',
  input: Type.Object({
    bucket: bucketName,
    key: keyName,
    value: Type.Unknown({
      description:
        'The value: text is stored as UTF-8, any other JSON value as JSON text; with `encoding: "base64"` the bytes it encodes',
    }),
    encoding: payloadEncodingField(
      'auto: text as it is, other values as JSON; base64: `value` is base64 of binary content',
    ),
    previousRevision: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'Write only if the key is at this revision (compare-and-set); 0 writes only if the key does not exist yet',
      }),
    ),
  }),
  output: Type.Object({
    bucket: Type.String({ description: 'Bucket written' }),
    key: Type.String({ description: 'Key written' }),
    revision: Type.Integer({ minimum: 1, description: 'Revision of the new value' }),
    bytes: Type.Integer({ minimum: 0, description: 'Size of the value stored' }),
  }),
  examples: [
    {
      input: { bucket: 'config', key: 'tenants.acme.plan', value: 'enterprise' },
      output: { bucket: 'config', key: 'tenants.acme.plan', revision: 18, bytes: 10 },
    },
    {
      title: 'Compare-and-set',
      input: { bucket: 'config', key: 'tenants.acme.limits', value: { seats: 50 }, previousRevision: 18 },
      output: { bucket: 'config', key: 'tenants.acme.limits', revision: 19, bytes: 12 },
    },
  ],
  async run({ input, auth, ctx }) {
    const { body } = encodePayload(input.value, input.encoding, ctx.actionKey);
    const revision = await withNats(auth, ctx, async (nc) => {
      const kv = await openBucket(nc, auth, input.bucket);
      if (input.previousRevision === undefined) return kv.put(input.key, body);
      if (input.previousRevision === 0) return kv.create(input.key, body);
      return kv.update(input.key, body, input.previousRevision);
    });
    return { bucket: input.bucket, key: input.key, revision, bytes: body.length };
  },
});
