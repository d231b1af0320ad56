import { defineAction, Type } from '@mova/sdk';
import { bytesOf, defaultContentType, uploadFields } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { gcsClient } from '../client.js';
import { gcsCall } from '../errors.js';
import { objectSchema, summarize } from '../objects.js';

export const uploadObject = defineAction({
  auth,
  key: 'objects.upload',
  title: 'Upload an object',
  description:
    'Writes text or base64 content to an object in one request; ifGenerationMatch "0" only creates, never overwrites.',
  input: Type.Object({
    bucket: Type.String({ minLength: 3, maxLength: 222, description: 'Bucket name.' }),
    name: Type.String({ minLength: 1, maxLength: 1024, description: 'Object name; "/" makes virtual folders.' }),
    ...uploadFields(),
    ifGenerationMatch: Type.Optional(
      Type.String({
        pattern: '^[0-9]+$',
        description:
          'Write only if the object is at this generation; "0" means only if it does not exist yet. A mismatch fails the step with a conflict.',
      }),
    ),
  }),
  output: objectSchema,
  examples: [
    {
      input: {
        bucket: 'acme-reports',
        name: 'daily/2025-03-04.json',
        content: '{"orders":42}',
        encoding: 'text',
        contentType: 'application/json',
        ifGenerationMatch: '0',
      },
      output: {
        bucket: 'acme-reports',
        name: 'daily/2025-03-04.json',
        size: 13,
        contentType: 'application/json',
        generation: '1741111200123456',
        updated: '2025-03-04T18:00:00.123Z',
        md5Hash: 'Qm9ndXMgZXhhbXBsZSBoYXNo',
        crc32c: 'AAAAAA==',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const body = bytesOf(input.content, input.encoding, ctx.actionKey);
    const contentType = input.contentType ?? defaultContentType(input.encoding);
    const file = await gcsCall(ctx.actionKey, async () => {
      const target = gcsClient(auth).storage.bucket(input.bucket).file(input.name);
      // One multipart request (objects.insert, uploadType=multipart): inline content is small, and
      // a resumable session would cost an extra round trip.
      await target.save(body, {
        resumable: false,
        contentType,
        preconditionOpts:
          input.ifGenerationMatch === undefined ? undefined : { ifGenerationMatch: input.ifGenerationMatch },
      });
      return target;
    });
    return summarize(input.bucket, input.name, file.metadata);
  },
});
