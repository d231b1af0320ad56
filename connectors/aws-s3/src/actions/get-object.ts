import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { defineAction, Type } from '@mova/sdk';
import { checkSize, contentOf, downloadedFields, downloadFields, readCapped } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withS3 } from '../client.js';
import { objectStore } from '../content.js';
import { bucketField, keyField, objectProperties, propertiesOf } from '../objects.js';

export const getObject = defineAction({
  auth,
  key: 'objects.get',
  title: 'Get an object',
  description:
    "Reads an object's content (GetObject) into the step output as text or base64, with its properties and metadata; objects larger than maxBytes are refused before any content is read.",
  input: Type.Object({
    bucket: bucketField(),
    key: keyField(),
    versionId: Type.Optional(Type.String({ minLength: 1, description: 'A version to read instead of the latest' })),
    ...downloadFields('object'),
  }),
  output: Type.Composite([objectProperties, Type.Object(downloadedFields('object'))]),
  examples: [
    {
      title: 'Read a JSON report as text',
      input: { bucket: 'acme-reports', key: 'reports/2025/03/summary.json', encoding: 'text', maxBytes: 1048576 },
    },
  ],
  async run({ input, auth, ctx }) {
    return withS3(auth, ctx, async (s3, options) => {
      // The size first, so an oversized object is refused without transferring it; then that
      // same version by its ETag, so the bytes match the size just checked.
      const head = await s3.send(
        new HeadObjectCommand({ Bucket: input.bucket, Key: input.key, VersionId: input.versionId }),
        options,
      );
      checkSize(head.ContentLength ?? 0, input.maxBytes, objectStore, ctx.actionKey);
      const object = await s3.send(
        new GetObjectCommand({ Bucket: input.bucket, Key: input.key, VersionId: input.versionId, IfMatch: head.ETag }),
        options,
      );
      const body = object.Body;
      // In Node the body is a stream, read up to the cap; the size was checked above all the same.
      const bytes =
        body === undefined
          ? Buffer.alloc(0)
          : Symbol.asyncIterator in body
            ? await readCapped(body, input.maxBytes, objectStore, ctx.actionKey)
            : Buffer.from(await body.transformToByteArray());
      return {
        ...propertiesOf(input.bucket, input.key, { ...object, ContentLength: bytes.length }),
        content: contentOf(bytes, input.encoding, objectStore, ctx.actionKey),
        encoding: input.encoding,
      };
    });
  },
});
