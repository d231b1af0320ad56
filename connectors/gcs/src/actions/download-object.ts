import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { gcsClient } from '../client.js';
import { checkSize, contentOf, DEFAULT_DOWNLOAD_BYTES, encodingSchema, MAX_DOWNLOAD_BYTES } from '../content.js';
import { gcsCall } from '../errors.js';
import { objectSchema, summarize } from '../objects.js';

export const downloadObject = defineAction({
  auth,
  key: 'objects.download',
  title: 'Download an object',
  description: 'Reads an object into the step output as text or base64, refusing objects larger than maxBytes.',
  input: Type.Object({
    bucket: Type.String({ minLength: 3, maxLength: 222, description: 'Bucket name.' }),
    name: Type.String({ minLength: 1, maxLength: 1024, description: 'Object name.' }),
    encoding: encodingSchema(
      '"text" returns the content as UTF-8 text (fails on binary); "base64" returns it base64-encoded.',
    ),
    maxBytes: Type.Integer({
      minimum: 1,
      maximum: MAX_DOWNLOAD_BYTES,
      default: DEFAULT_DOWNLOAD_BYTES,
      description: `Largest object to download, in bytes (up to ${MAX_DOWNLOAD_BYTES}); a bigger one fails the step before any content is read.`,
    }),
  }),
  output: Type.Composite([
    objectSchema,
    Type.Object({ content: Type.String(), encoding: Type.Union([Type.Literal('text'), Type.Literal('base64')]) }),
  ]),
  examples: [
    {
      input: { bucket: 'acme-reports', name: 'daily/2025-03-04.json', encoding: 'text', maxBytes: 1048576 },
      output: {
        bucket: 'acme-reports',
        name: 'daily/2025-03-04.json',
        size: 13,
        contentType: 'application/json',
        generation: '1741111200123456',
        updated: '2025-03-04T18:00:00.123Z',
        content: '{"orders":42}',
        encoding: 'text',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const bucket = gcsClient(auth).storage.bucket(input.bucket);
    // Ask for the size first so an oversized object is refused without transferring it.
    const [metadata] = await gcsCall(ctx.actionKey, () => bucket.file(input.name).getMetadata());
    checkSize(Number(metadata.size ?? 0), input.maxBytes, ctx.actionKey);
    // Reading that exact generation keeps the bytes consistent with the size just checked.
    const [bytes] = await gcsCall(ctx.actionKey, () =>
      bucket.file(input.name, { generation: metadata.generation }).download(),
    );
    return {
      ...summarize(input.bucket, input.name, metadata),
      content: contentOf(bytes, input.encoding, ctx.actionKey),
      encoding: input.encoding,
    };
  },
});
