import { defineAction, Type } from '@mova/sdk';
import { createdFolderFields, notAFolder, pathField } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { findEntry, withFtp } from '../client.js';

export const createFolder = defineAction({
  auth,
  key: 'folders.create',
  title: 'Create a folder',
  description: 'Creates a folder on the FTP server with its missing parents; an existing folder is left as it is.',
  input: Type.Object({ path: pathField('Path of the folder, e.g. `/archive/2025/03`') }),
  output: Type.Object(createdFolderFields()),
  examples: [{ input: { path: '/archive/2025/03' }, output: { path: '/archive/2025/03', created: true } }],
  async run({ input, auth, ctx }) {
    const created = await withFtp(auth, ctx, async (ftp) => {
      const existing = await findEntry(ftp, input.path);
      if (existing) {
        if (existing.isDirectory) return false;
        throw notAFolder(input.path, ctx.actionKey);
      }
      await ftp.ensureDir(input.path);
      return true;
    });
    return { path: input.path, created };
  },
});
