import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withS3 } from '../client.js';
import { bucketField, keyField } from '../objects.js';

export const deleteObject = defineAction({
  auth,
  key: 'objects.delete',
  title: 'Delete an object',
  description:
    'Deletes an object (DeleteObject). S3 answers the same whether or not the key existed; in a versioned bucket it adds a delete marker unless a versionId is given.',
  input: Type.Object({
    bucket: bucketField(),
    key: keyField('Key of the object to delete'),
    versionId: Type.Optional(
      Type.String({ minLength: 1, description: 'A version to delete for good, in a versioned bucket' }),
    ),
  }),
  output: Type.Object({
    bucket: Type.String({ description: 'Bucket name' }),
    key: Type.String({ description: 'Object key' }),
    deleteMarker: Type.Boolean({ description: 'Whether a delete marker was created (versioned buckets)' }),
    versionId: Type.Optional(Type.String({ description: 'Version deleted, or of the delete marker created' })),
  }),
  examples: [
    {
      title: 'Delete a report',
      input: { bucket: 'acme-reports', key: 'reports/2025/03/summary.json' },
      output: { bucket: 'acme-reports', key: 'reports/2025/03/summary.json', deleteMarker: false },
    },
  ],
  async run({ input, auth, ctx }) {
    const deleted = await withS3(auth, ctx, (s3, options) =>
      s3.send(new DeleteObjectCommand({ Bucket: input.bucket, Key: input.key, VersionId: input.versionId }), options),
    );
    return {
      bucket: input.bucket,
      key: input.key,
      deleteMarker: deleted.DeleteMarker === true,
      ...(deleted.VersionId && deleted.VersionId !== 'null' ? { versionId: deleted.VersionId } : {}),
    };
  },
});
