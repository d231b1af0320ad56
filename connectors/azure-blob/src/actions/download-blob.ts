import { defineAction, Type } from '@mova/sdk';
import { checkSize, contentOf, downloadedFields, downloadFields, readCapped } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { serviceClient } from '../client.js';
import { blobs } from '../content.js';
import { azureCall } from '../errors.js';

export const downloadBlob = defineAction({
  auth,
  key: 'blobs.download',
  title: 'Download a blob',
  description: 'Reads a blob into the step output as text or base64, refusing blobs larger than maxBytes.',
  input: Type.Object({
    container: Type.String({ minLength: 3, maxLength: 63, description: 'Container name.' }),
    name: Type.String({ minLength: 1, maxLength: 1024, description: 'Blob name.' }),
    ...downloadFields('blob'),
  }),
  output: Type.Object({
    container: Type.String(),
    name: Type.String(),
    ...downloadedFields('blob'),
    size: Type.Integer({ minimum: 0 }),
    contentType: Type.Optional(Type.String()),
    etag: Type.Optional(Type.String()),
    lastModified: Type.Optional(Type.String({ format: 'date-time' })),
  }),
  examples: [
    {
      input: { container: 'reports', name: 'daily/2025-03-04.json', encoding: 'text', maxBytes: 1048576 },
      output: {
        container: 'reports',
        name: 'daily/2025-03-04.json',
        content: '{"orders":42}',
        encoding: 'text',
        size: 13,
        contentType: 'application/json',
        etag: '"0x8DD5C1A2B3C4D5E"',
        lastModified: '2025-03-04T18:00:00.000Z',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const blob = serviceClient(auth, ctx.actionKey).getContainerClient(input.container).getBlobClient(input.name);
    // Ask for the size first so an oversized blob is refused without transferring it.
    const properties = await azureCall(ctx.actionKey, () => blob.getProperties({ abortSignal: ctx.signal }));
    checkSize(properties.contentLength ?? 0, input.maxBytes, blobs, ctx.actionKey);
    const bytes = await azureCall(ctx.actionKey, async () => {
      // If-Match pins the read to the version whose size was checked.
      const response = await blob.download(0, undefined, {
        conditions: properties.etag ? { ifMatch: properties.etag } : undefined,
        abortSignal: ctx.signal,
      });
      return response.readableStreamBody
        ? readCapped(response.readableStreamBody, input.maxBytes, blobs, ctx.actionKey)
        : Buffer.alloc(0);
    });
    return {
      container: input.container,
      name: input.name,
      content: contentOf(bytes, input.encoding, blobs, ctx.actionKey),
      encoding: input.encoding,
      size: bytes.length,
      ...(properties.contentType ? { contentType: properties.contentType } : {}),
      ...(properties.etag ? { etag: properties.etag } : {}),
      ...(properties.lastModified ? { lastModified: properties.lastModified.toISOString() } : {}),
    };
  },
});
