import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withS3 } from '../client.js';
import { bucketField, keyField, objectProperties, propertiesOf } from '../objects.js';

export const headObject = defineAction({
  auth,
  key: 'objects.head',
  title: 'Get object properties',
  description:
    "Reads an object's properties and user metadata without its content (HeadObject): size, content type, ETag, last modified. A missing object fails the step with not_found.",
  input: Type.Object({
    bucket: bucketField(),
    key: keyField(),
    versionId: Type.Optional(Type.String({ minLength: 1, description: 'A version to read instead of the latest' })),
  }),
  output: objectProperties,
  examples: [
    { title: 'Properties of a report', input: { bucket: 'acme-reports', key: 'reports/2025/03/summary.json' } },
  ],
  async run({ input, auth, ctx }) {
    const head = await withS3(auth, ctx, (s3, options) =>
      s3.send(new HeadObjectCommand({ Bucket: input.bucket, Key: input.key, VersionId: input.versionId }), options),
    );
    return propertiesOf(input.bucket, input.key, head);
  },
});
