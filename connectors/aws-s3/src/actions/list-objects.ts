import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { defineAction, type Static, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withS3 } from '../client.js';
import { bucketField, isoDate, objectSummary, unquote } from '../objects.js';

export const listObjects = defineAction({
  auth,
  key: 'objects.list',
  title: 'List objects',
  description:
    'Lists objects in a bucket in key order (ListObjectsV2), under a prefix and grouped into "folders" by a delimiter, reading pages until limit objects; pass nextContinuationToken back to go on.',
  input: Type.Object({
    bucket: bucketField(),
    prefix: Type.Optional(Type.String({ description: 'Only keys starting with this, e.g. "reports/2025/"' })),
    delimiter: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'Groups keys that contain it after the prefix into commonPrefixes, e.g. "/" to list one "folder" level',
      }),
    ),
    startAfter: Type.Optional(Type.String({ description: 'Only keys after this one, in key order' })),
    limit: Type.Integer({
      minimum: 1,
      maximum: 10000,
      default: 1000,
      description: 'Most objects (and common prefixes) to return, read in pages of up to 1000 (default 1000)',
    }),
    continuationToken: Type.Optional(
      Type.String({ minLength: 1, description: 'nextContinuationToken of a previous call, to read on from there' }),
    ),
  }),
  output: Type.Object({
    objects: Type.Array(objectSummary, { description: 'Objects, in key order' }),
    commonPrefixes: Type.Array(Type.String(), {
      description: 'Key prefixes up to the delimiter ("folders"), when a delimiter is given',
    }),
    isTruncated: Type.Boolean({ description: 'Whether more objects follow' }),
    nextContinuationToken: Type.Optional(
      Type.String({ description: 'Token for the next call when isTruncated is true' }),
    ),
  }),
  examples: [
    {
      title: 'One folder level under reports/',
      input: { bucket: 'acme-reports', prefix: 'reports/', delimiter: '/', limit: 100 },
      output: { objects: [], commonPrefixes: [], isTruncated: false },
    },
  ],
  async run({ input, auth, ctx }) {
    return withS3(auth, ctx, async (s3, options) => {
      const objects: Static<typeof objectSummary>[] = [];
      const commonPrefixes: string[] = [];
      let token = input.continuationToken;
      let truncated = false;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({
            Bucket: input.bucket,
            Prefix: input.prefix,
            Delimiter: input.delimiter,
            StartAfter: token ? undefined : input.startAfter,
            ContinuationToken: token,
            // Each page asks only for what the limit leaves, so the token resumes exactly after it.
            MaxKeys: Math.min(1000, input.limit - objects.length - commonPrefixes.length),
          }),
          options,
        );
        for (const item of page.Contents ?? []) {
          objects.push({
            key: item.Key ?? '',
            size: item.Size ?? 0,
            etag: unquote(item.ETag),
            lastModified: isoDate(item.LastModified),
            ...(item.StorageClass ? { storageClass: item.StorageClass } : {}),
          });
        }
        for (const prefix of page.CommonPrefixes ?? []) if (prefix.Prefix) commonPrefixes.push(prefix.Prefix);
        truncated = page.IsTruncated === true;
        token = page.NextContinuationToken;
      } while (truncated && token && objects.length + commonPrefixes.length < input.limit);
      return {
        objects,
        commonPrefixes,
        isTruncated: truncated,
        ...(truncated && token ? { nextContinuationToken: token } : {}),
      };
    });
  },
});
