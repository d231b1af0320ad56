import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withS3 } from '../client.js';
import { isoDate } from '../objects.js';

export const listBuckets = defineAction({
  auth,
  key: 'buckets.list',
  title: 'List buckets',
  description:
    'Lists the buckets the credentials own (ListBuckets), optionally only those whose names start with a prefix, reading every page.',
  input: Type.Object({
    prefix: Type.Optional(Type.String({ minLength: 1, description: 'Only buckets whose names start with this' })),
  }),
  output: Type.Object({
    buckets: Type.Array(
      Type.Object({
        name: Type.String({ description: 'Bucket name' }),
        creationDate: Type.String({ format: 'date-time', description: 'When the bucket was created (ISO 8601)' }),
        region: Type.Optional(Type.String({ description: "The bucket's region, when S3 reports it" })),
      }),
      { description: 'Buckets, in name order' },
    ),
  }),
  examples: [{ title: 'All buckets', input: {} }],
  async run({ input, auth, ctx }) {
    const buckets = await withS3(auth, ctx, async (s3, options) => {
      const found: { name: string; creationDate: string; region?: string }[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListBucketsCommand({
            ...(input.prefix ? { Prefix: input.prefix } : {}),
            ...(token ? { ContinuationToken: token, MaxBuckets: 1000 } : {}),
          }),
          options,
        );
        for (const bucket of page.Buckets ?? []) {
          // An S3-compatible store may not filter by Prefix itself.
          if (!bucket.Name || (input.prefix && !bucket.Name.startsWith(input.prefix))) continue;
          found.push({
            name: bucket.Name,
            creationDate: isoDate(bucket.CreationDate),
            ...(bucket.BucketRegion ? { region: bucket.BucketRegion } : {}),
          });
        }
        token = page.ContinuationToken;
      } while (token);
      return found;
    });
    return { buckets };
  },
});
