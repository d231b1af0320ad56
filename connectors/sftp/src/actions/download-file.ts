import { defineAction, Type } from '@mova/sdk';
import { checkSize, contentOf } from '@mova/sdk/content';
import { downloadedFileFields, downloadFileFields, FILES, folderNotFile, missingPath } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';

export const downloadFile = defineAction({
  auth,
  key: 'files.download',
  title: 'Download a file',
  description:
    'Reads a file from the SFTP server into the step output as text or base64, refusing files larger than maxBytes.',
  input: Type.Object(downloadFileFields()),
  output: Type.Object({
    ...downloadedFileFields(),
    modifiedAt: Type.String({ format: 'date-time', description: 'Last modification time' }),
  }),
  examples: [
    {
      input: { path: '/outbox/orders.csv', encoding: 'text', maxBytes: 10485760 },
      output: {
        path: '/outbox/orders.csv',
        content: 'id,total\n7,42.50\n',
        encoding: 'text',
        size: 17,
        modifiedAt: '2025-03-04T18:00:00.000Z',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { bytes, mtime } = await withSftp(auth, ctx, async (session) => {
      const attrs = await session.stat(input.path);
      if (!attrs) {
        throw missingPath(input.path, ctx.actionKey);
      }
      if ((attrs.mode & 0o170000) === 0o040000) {
        throw folderNotFile(input.path, ctx.actionKey);
      }
      // The size is checked before any byte is read, so an oversized file costs one round trip.
      checkSize(attrs.size, input.maxBytes, FILES, ctx.actionKey);
      const data = await session.client.get(input.path);
      if (!Buffer.isBuffer(data)) throw new Error('the download gave no bytes');
      // A file that grew after the check is still held to the cap.
      checkSize(data.length, input.maxBytes, FILES, ctx.actionKey);
      return { bytes: data, mtime: attrs.mtime };
    });
    return {
      path: input.path,
      content: contentOf(bytes, input.encoding, FILES, ctx.actionKey),
      encoding: input.encoding,
      size: bytes.length,
      modifiedAt: new Date(mtime * 1000).toISOString(),
    };
  },
});
