import { Writable } from 'node:stream';
import { defineAction, Type } from '@mova/sdk';
import { checkSize, contentOf } from '@mova/sdk/content';
import { downloadedFileFields, downloadFileFields, FILES, folderNotFile, missingPath } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { findEntry, withFtp } from '../client.js';

export const downloadFile = defineAction({
  auth,
  key: 'files.download',
  title: 'Download a file',
  description:
    'Reads a file from the FTP server (binary mode) into the step output as text or base64, refusing files larger than maxBytes.',
  input: Type.Object(downloadFileFields()),
  output: Type.Object({
    ...downloadedFileFields(),
  }),
  examples: [
    {
      input: { path: '/outbox/orders.csv', encoding: 'text', maxBytes: 10485760 },
      output: { path: '/outbox/orders.csv', content: 'id,total\n7,42.50\n', encoding: 'text', size: 17 },
    },
  ],
  async run({ input, auth, ctx }) {
    const bytes = await withFtp(auth, ctx, async (ftp) => {
      const entry = await findEntry(ftp, input.path);
      if (!entry) throw missingPath(input.path, ctx.actionKey);
      if (entry.isDirectory) {
        throw folderNotFile(input.path, ctx.actionKey);
      }
      checkSize(entry.size, input.maxBytes, FILES, ctx.actionKey);
      const sink = new CappedSink(input.maxBytes);
      await ftp.downloadTo(sink, input.path);
      // Held to the cap while it streams, too: a listed size can be stale.
      checkSize(sink.total, input.maxBytes, FILES, ctx.actionKey);
      return Buffer.concat(sink.chunks);
    });
    return {
      path: input.path,
      content: contentOf(bytes, input.encoding, FILES, ctx.actionKey),
      encoding: input.encoding,
      size: bytes.length,
    };
  },
});

/** Collects a download, and stops it once it passes the cap. */
class CappedSink extends Writable {
  readonly chunks: Buffer[] = [];
  total = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.total += chunk.length;
    if (this.total > this.maxBytes) {
      callback(new Error(`the download passed ${this.maxBytes} bytes`));
      return;
    }
    this.chunks.push(chunk);
    callback();
  }
}
