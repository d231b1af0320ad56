import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNats } from '../client.js';
import { openBucket } from '../jetstream.js';
import { readMessage } from '../message.js';
import { decodeSchema } from '../payload.js';
import { bucketName, keyName } from '../stream-names.js';

export const kvGet = defineAction({
  auth,
  key: 'kv.get',
  title: 'Get a key',
  description:
    'Reads the value of a key in a key-value bucket, with its revision. A missing or deleted key gives `found: false`; a missing bucket fails as not found.',
  input: Type.Object({
    bucket: bucketName,
    key: keyName,
    revision: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Read this revision of the key instead of the latest' }),
    ),
    decode: decodeSchema,
  }),
  output: Type.Object({
    bucket: Type.String({ description: 'Bucket read' }),
    key: Type.String({ description: 'Key read' }),
    found: Type.Boolean({ description: 'False when the key does not exist or was deleted' }),
    value: Type.Optional(
      Type.Unknown({ description: 'The value: parsed JSON, UTF-8 text, or base64 (see `encoding`)' }),
    ),
    encoding: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('text'), Type.Literal('base64')], {
        description: 'How `value` is given',
      }),
    ),
    bytes: Type.Optional(Type.Integer({ minimum: 0, description: 'Size of the value in bytes' })),
    revision: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Revision of the value (for kv.put’s previousRevision)' }),
    ),
    updatedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When this revision was written' })),
  }),
  examples: [
    {
      input: { bucket: 'config', key: 'tenants.acme.plan', decode: 'auto' },
      output: {
        bucket: 'config',
        key: 'tenants.acme.plan',
        found: true,
        value: 'enterprise',
        encoding: 'text',
        bytes: 10,
        revision: 17,
        updatedAt: '2025-03-04T18:00:00.412Z',
      },
    },
    {
      title: 'A missing key',
      input: { bucket: 'config', key: 'tenants.nobody.plan' },
      output: { bucket: 'config', key: 'tenants.nobody.plan', found: false },
    },
  ],
  async run({ input, auth, ctx }) {
    const entry = await withNats(auth, ctx, async (nc) => {
      const kv = await openBucket(nc, auth, input.bucket);
      return kv.get(input.key, input.revision === undefined ? undefined : { revision: input.revision });
    });
    const base = { bucket: input.bucket, key: input.key };
    if (entry?.operation !== 'PUT') return { ...base, found: false };
    const { payload, encoding, bytes } = readMessage(entry.value, undefined, input.decode, ctx.actionKey);
    return {
      ...base,
      found: true,
      value: payload,
      encoding,
      bytes,
      revision: entry.revision,
      updatedAt: entry.created.toISOString(),
    };
  },
});
