import { Readable } from 'node:stream';
import { defineAction } from '@mova/sdk';
import { bytesOf } from '@mova/sdk/content';
import { existingPath, parentOf, uploadFileAction } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { findEntry, withFtp } from '../client.js';

export const uploadFile = defineAction({
  auth,
  ...uploadFileAction(
    'Writes text or base64 content to a file on the FTP server (binary mode), replacing it or refusing when it exists, and creating missing folders on the way.',
    {},
    {},
  ),
  async run({ input, auth, ctx }) {
    const body = bytesOf(input.content, input.encoding, ctx.actionKey);
    const size = await withFtp(auth, ctx, async (ftp) => {
      if (!input.overwrite && (await findEntry(ftp, input.path))) {
        throw existingPath(input.path, ctx.actionKey);
      }
      if (input.createFolders) {
        const start = await ftp.pwd();
        // ensureDir walks into the folder it creates; go back so relative paths keep their meaning.
        await ftp.ensureDir(parentOf(input.path));
        await ftp.cd(start);
      }
      await ftp.uploadFrom(Readable.from([body]), input.path);
      return ftp.size(input.path).catch(() => body.length);
    });
    return { path: input.path, size };
  },
});
