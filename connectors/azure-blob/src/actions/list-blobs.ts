import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { serviceClient } from '../client.js';
import { azureCall } from '../errors.js';

export const listBlobs = defineAction({
  auth,
  key: 'blobs.list',
  title: 'List blobs',
  description: 'Lists the blobs in a container (flat, including "folders" in their names), one page at a time.',
  input: Type.Object({
    container: Type.String({ minLength: 3, maxLength: 63, description: 'Container name.' }),
    prefix: Type.Optional(
      Type.String({ description: 'Only blobs whose name starts with this text, e.g. "reports/2025/".' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 5000, default: 100, description: 'Most blobs to return (1–5000).' }),
    continuationToken: Type.Optional(
      Type.String({ minLength: 1, description: 'continuationToken from the previous page, to fetch the next one.' }),
    ),
  }),
  output: Type.Object({
    blobs: Type.Array(
      Type.Object({
        name: Type.String(),
        size: Type.Integer({ minimum: 0, description: 'Bytes.' }),
        contentType: Type.Optional(Type.String()),
        lastModified: Type.String({ format: 'date-time' }),
        etag: Type.String({ description: 'Entity tag, quoted as blobs.upload and blobs.download report it.' }),
      }),
    ),
    continuationToken: Type.Optional(Type.String({ description: 'Present when more blobs follow.' })),
  }),
  examples: [
    {
      input: { container: 'invoices', prefix: '2025/03/', limit: 50 },
      output: {
        blobs: [
          {
            name: '2025/03/inv-1042.pdf',
            size: 48213,
            contentType: 'application/pdf',
            lastModified: '2025-03-04T16:02:11.000Z',
            etag: '"0x8DD5C0FFEE12345"',
          },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const page = await azureCall(ctx.actionKey, async () => {
      const pages = serviceClient(auth, ctx.actionKey)
        .getContainerClient(input.container)
        .listBlobsFlat({ prefix: input.prefix, abortSignal: ctx.signal })
        .byPage({ maxPageSize: input.limit, continuationToken: input.continuationToken });
      const first = await pages.next();
      return first.done ? undefined : first.value;
    });
    return {
      blobs: (page?.segment.blobItems ?? []).map((b) => ({
        name: b.name,
        size: b.properties.contentLength ?? 0,
        ...(b.properties.contentType ? { contentType: b.properties.contentType } : {}),
        lastModified: b.properties.lastModified.toISOString(),
        etag: quoted(b.properties.etag),
      })),
      ...(page?.continuationToken ? { continuationToken: page.continuationToken } : {}),
    };
  },
});

/**
 * List Blobs sends ETags without the quotes every other blob operation's ETag header has; quoting
 * them makes an ETag from blobs.list equal the one blobs.upload and blobs.download report.
 */
function quoted(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}
