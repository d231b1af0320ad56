import { PutObjectCommand, StorageClass } from '@aws-sdk/client-s3';
import { defineAction, Type } from '@mova/sdk';
import { bytesOf, defaultContentType, uploadFields } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withS3 } from '../client.js';
import { bucketField, keyField, metadataField, unquote } from '../objects.js';

export const putObject = defineAction({
  auth,
  key: 'objects.put',
  title: 'Put an object',
  description:
    'Writes text or base64 content to an object in one request (PutObject), replacing any object with that key, with a content type and optional metadata.',
  input: Type.Object({
    bucket: bucketField(),
    key: keyField('Object key to write, e.g. reports/2025/03/summary.json ("/" makes virtual folders)'),
    ...uploadFields(),
    metadata: Type.Optional(
      metadataField('User-defined metadata, stored as x-amz-meta-<name> headers (names are lower-cased by S3)'),
    ),
    cacheControl: Type.Optional(
      Type.String({ minLength: 1, description: 'Cache-Control to store, e.g. max-age=3600' }),
    ),
    contentDisposition: Type.Optional(
      Type.String({ minLength: 1, description: 'Content-Disposition to store, e.g. attachment; filename="sales.csv"' }),
    ),
    storageClass: Type.Optional(
      Type.Union(
        ['STANDARD', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'GLACIER_IR', 'DEEP_ARCHIVE'].map(
          (value) => Type.Literal(value),
        ),
        { description: 'Storage class (default STANDARD)' },
      ),
    ),
  }),
  output: Type.Object({
    bucket: Type.String({ description: 'Bucket name' }),
    key: Type.String({ description: 'Object key' }),
    size: Type.Integer({ minimum: 0, description: 'Bytes written' }),
    etag: Type.String({ description: 'Entity tag of the new object, without quotes' }),
    versionId: Type.Optional(Type.String({ description: 'Version ID, in a bucket with versioning enabled' })),
  }),
  examples: [
    {
      title: 'Write a JSON report',
      input: {
        bucket: 'acme-reports',
        key: 'reports/2025/03/summary.json',
        content: '{"orders":42}',
        encoding: 'text',
        contentType: 'application/json',
        metadata: { source: 'nightly-export' },
      },
      output: {
        bucket: 'acme-reports',
        key: 'reports/2025/03/summary.json',
        size: 13,
        etag: 'dbbfe9159b44e800fd8230e7d8fad507',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const body = bytesOf(input.content, input.encoding, ctx.actionKey);
    const written = await withS3(auth, ctx, (s3, options) =>
      s3.send(
        new PutObjectCommand({
          Bucket: input.bucket,
          Key: input.key,
          Body: body,
          ContentLength: body.length,
          ContentType: input.contentType ?? defaultContentType(input.encoding),
          Metadata: input.metadata,
          CacheControl: input.cacheControl,
          ContentDisposition: input.contentDisposition,
          StorageClass: Object.values(StorageClass).find((known) => known === input.storageClass),
        }),
        options,
      ),
    );
    return {
      bucket: input.bucket,
      key: input.key,
      size: body.length,
      etag: unquote(written.ETag),
      ...(written.VersionId && written.VersionId !== 'null' ? { versionId: written.VersionId } : {}),
    };
  },
});
