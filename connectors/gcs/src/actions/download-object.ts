import { defineAction, Type } from '@mova/sdk';
import { checkSize, contentOf, downloadedFields, downloadFields, readCapped } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { gcsClient } from '../client.js';
import { objectStore } from '../content.js';
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
    ...downloadFields('object'),
  }),
  output: Type.Composite([objectSchema, Type.Object(downloadedFields('object'))]),
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
    checkSize(Number(metadata.size ?? 0), input.maxBytes, objectStore, ctx.actionKey);
    // Reading that exact generation keeps the bytes consistent with the size just checked; the
    // read stops at the cap all the same, should the bytes run past the size.
    const bytes = await gcsCall(ctx.actionKey, () =>
      readCapped(
        bucket.file(input.name, { generation: metadata.generation }).createReadStream(),
        input.maxBytes,
        objectStore,
        ctx.actionKey,
      ),
    );
    return {
      ...summarize(input.bucket, input.name, metadata),
      content: contentOf(bytes, input.encoding, objectStore, ctx.actionKey),
      encoding: input.encoding,
    };
  },
});
