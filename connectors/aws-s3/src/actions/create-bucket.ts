import { BucketLocationConstraint, CreateBucketCommand } from '@aws-sdk/client-s3';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withS3 } from '../client.js';
import { bucketField } from '../objects.js';

export const createBucket = defineAction({
  auth,
  key: 'buckets.create',
  title: 'Create a bucket',
  description:
    "Creates a bucket (CreateBucket) in the connection's region. Bucket names are global across AWS: a name taken by anyone fails with a conflict.",
  input: Type.Object({
    bucket: bucketField('Name of the new bucket: 3-63 lower-case letters, digits, dots and hyphens'),
  }),
  output: Type.Object({
    bucket: Type.String({ description: 'Bucket name' }),
    location: Type.Optional(Type.String({ description: 'Location S3 gave the bucket, e.g. /acme-reports' })),
  }),
  examples: [
    {
      title: 'A bucket for reports',
      input: { bucket: 'acme-reports' },
      output: { bucket: 'acme-reports', location: '/acme-reports' },
    },
  ],
  async run({ input, auth, ctx }) {
    const location = locationOf(auth.region || 'us-east-1');
    const created = await withS3(auth, ctx, (s3, options) =>
      s3.send(
        new CreateBucketCommand({
          Bucket: input.bucket,
          ...(location ? { CreateBucketConfiguration: { LocationConstraint: location } } : {}),
        }),
        options,
      ),
    );
    return { bucket: input.bucket, ...(created.Location ? { location: created.Location } : {}) };
  },
});

const LOCATIONS: readonly string[] = Object.values(BucketLocationConstraint);

/**
 * The LocationConstraint for a region: none for us-east-1, S3's default location, which it
 * refuses to see named; none either for a region this SDK version does not know yet.
 */
function locationOf(region: string): BucketLocationConstraint | undefined {
  return region !== 'us-east-1' && isLocation(region) ? region : undefined;
}

function isLocation(region: string): region is BucketLocationConstraint {
  return LOCATIONS.includes(region);
}
