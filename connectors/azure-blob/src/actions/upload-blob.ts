import { defineAction, Type } from '@mova/sdk';
import { bytesOf, defaultContentType, uploadFields } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { publicUrl, serviceClient } from '../client.js';
import { azureCall } from '../errors.js';

export const uploadBlob = defineAction({
  auth,
  key: 'blobs.upload',
  title: 'Upload a blob',
  description: 'Writes text or base64 content to a block blob, replacing it or refusing when it already exists.',
  input: Type.Object({
    container: Type.String({ minLength: 3, maxLength: 63, description: 'Container name (it must exist).' }),
    name: Type.String({ minLength: 1, maxLength: 1024, description: 'Blob name; "/" makes virtual folders.' }),
    ...uploadFields(),
    overwrite: Type.Boolean({
      default: true,
      description:
        'Replace an existing blob of that name. When false, an existing blob makes the step fail with a conflict.',
    }),
  }),
  output: Type.Object({
    container: Type.String(),
    name: Type.String(),
    url: Type.String({ format: 'uri' }),
    size: Type.Integer({ minimum: 0 }),
    etag: Type.Optional(Type.String()),
    lastModified: Type.Optional(Type.String({ format: 'date-time' })),
    versionId: Type.Optional(Type.String({ description: 'Set when blob versioning is on.' })),
  }),
  examples: [
    {
      input: {
        container: 'reports',
        name: 'daily/2025-03-04.json',
        content: '{"orders":42}',
        encoding: 'text',
        contentType: 'application/json',
        overwrite: false,
      },
      output: {
        container: 'reports',
        name: 'daily/2025-03-04.json',
        url: 'https://myaccount.blob.core.windows.net/reports/daily/2025-03-04.json',
        size: 13,
        etag: '"0x8DD5C1A2B3C4D5E"',
        lastModified: '2025-03-04T18:00:00.000Z',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const body = bytesOf(input.content, input.encoding, ctx.actionKey);
    const contentType = input.contentType ?? defaultContentType(input.encoding);
    const blob = serviceClient(auth, ctx.actionKey).getContainerClient(input.container).getBlockBlobClient(input.name);
    const result = await azureCall(ctx.actionKey, () =>
      blob.upload(body, body.length, {
        blobHTTPHeaders: { blobContentType: contentType },
        // If-None-Match: * makes Put Blob fail with 409 BlobAlreadyExists rather than replace.
        conditions: input.overwrite ? undefined : { ifNoneMatch: '*' },
        abortSignal: ctx.signal,
      }),
    );
    return {
      container: input.container,
      name: input.name,
      url: publicUrl(blob.url),
      size: body.length,
      ...(result.etag ? { etag: result.etag } : {}),
      ...(result.lastModified ? { lastModified: result.lastModified.toISOString() } : {}),
      ...(result.versionId ? { versionId: result.versionId } : {}),
    };
  },
});
