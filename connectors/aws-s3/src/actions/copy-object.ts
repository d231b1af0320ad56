import { CopyObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withS3 } from '../client.js';
import { bucketField, copySource, isoDate, keyField, metadataField, unquote } from '../objects.js';

export const copyObject = defineAction({
  auth,
  key: 'objects.copy',
  title: 'Copy an object',
  description:
    'Copies an object inside S3 (CopyObject), within a bucket or to another one, without downloading it; keeps the metadata and content type, or replaces them with those given. Objects up to 5 GB.',
  input: Type.Object({
    sourceBucket: bucketField('Bucket of the object to copy'),
    sourceKey: keyField('Key of the object to copy'),
    sourceVersionId: Type.Optional(
      Type.String({ minLength: 1, description: 'A version to copy instead of the latest' }),
    ),
    bucket: bucketField('Bucket to copy to (may be the source bucket)'),
    key: keyField('Key of the copy'),
    metadata: Type.Optional(metadataField("Metadata for the copy instead of the source's (replaces all of it)")),
    contentType: Type.Optional(
      Type.String({ minLength: 1, description: "Content type for the copy instead of the source's" }),
    ),
  }),
  output: Type.Object({
    bucket: Type.String({ description: 'Bucket of the copy' }),
    key: Type.String({ description: 'Key of the copy' }),
    etag: Type.String({ description: 'Entity tag of the copy, without quotes' }),
    lastModified: Type.String({ format: 'date-time', description: 'When the copy was written (ISO 8601)' }),
    versionId: Type.Optional(Type.String({ description: 'Version ID of the copy, in a versioned bucket' })),
  }),
  examples: [
    {
      title: 'Archive a report',
      input: {
        sourceBucket: 'acme-reports',
        sourceKey: 'reports/2025/03/summary.json',
        bucket: 'acme-reports',
        key: 'archive/2025/03/summary.json',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const replace = input.metadata !== undefined || input.contentType !== undefined;
    const copied = await withS3(auth, ctx, async (s3, options) => {
      // REPLACE replaces the content type too: keep the source's unless the step gives one.
      const contentType =
        replace && input.contentType === undefined
          ? (
              await s3.send(
                new HeadObjectCommand({
                  Bucket: input.sourceBucket,
                  Key: input.sourceKey,
                  VersionId: input.sourceVersionId,
                }),
                options,
              )
            ).ContentType
          : input.contentType;
      return s3.send(
        new CopyObjectCommand({
          CopySource: copySource(input.sourceBucket, input.sourceKey, input.sourceVersionId),
          Bucket: input.bucket,
          Key: input.key,
          ...(replace
            ? { MetadataDirective: 'REPLACE', Metadata: input.metadata ?? {}, ContentType: contentType }
            : {}),
        }),
        options,
      );
    });
    return {
      bucket: input.bucket,
      key: input.key,
      etag: unquote(copied.CopyObjectResult?.ETag),
      lastModified: isoDate(copied.CopyObjectResult?.LastModified),
      ...(copied.VersionId && copied.VersionId !== 'null' ? { versionId: copied.VersionId } : {}),
    };
  },
});
