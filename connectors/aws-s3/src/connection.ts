import { type Static, Type } from '@mova/sdk';
import { awsConnectionFields } from '@mova/sdk/aws';

export const connectionFields = Type.Object({
  ...awsConnectionFields({
    endpointExamples:
      'e.g. MinIO (https://minio.internal:9000), Cloudflare R2 (https://<account-id>.r2.cloudflarestorage.com) or LocalStack (http://localhost:4566)',
  }),
  forcePathStyle: Type.Optional(
    Type.Boolean({
      description:
        'Address buckets in the path (https://endpoint/bucket/key) instead of the host name (https://bucket.endpoint/key). Defaults to true with a custom endpoint (MinIO and most S3-compatible stores), false on AWS.',
    }),
  ),
});

export type S3Connection = Static<typeof connectionFields>;
