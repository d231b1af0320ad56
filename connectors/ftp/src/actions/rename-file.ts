import { defineAction, Type } from '@mova/sdk';
import { existingPath, missingPath, movedFields, moveFields, parentOf } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { findEntry, withFtp } from '../client.js';

export const renameFile = defineAction({
  auth,
  key: 'files.rename',
  title: 'Rename or move',
  description:
    'Renames or moves a file or folder on the FTP server (RNFR/RNTO). An existing target fails the step as a conflict unless `overwrite` is set.',
  input: Type.Object(moveFields('Replace an existing file at the new path (deleted first)')),
  output: Type.Object(movedFields()),
  examples: [
    {
      input: { from: '/inbox/orders.csv', to: '/archive/orders-2025-03-04.csv', overwrite: false, createFolders: true },
      output: { from: '/inbox/orders.csv', to: '/archive/orders-2025-03-04.csv', replaced: false },
    },
  ],
  async run({ input, auth, ctx }) {
    const replaced = await withFtp(auth, ctx, async (ftp) => {
      if (!(await findEntry(ftp, input.from))) {
        throw missingPath(input.from, ctx.actionKey);
      }
      // Servers differ on RNTO to an existing name (Unix ones replace it silently); check first.
      const existing = await findEntry(ftp, input.to);
      if (existing && !input.overwrite) {
        throw existingPath(input.to, ctx.actionKey);
      }
      if (input.createFolders) {
        const start = await ftp.pwd();
        await ftp.ensureDir(parentOf(input.to));
        await ftp.cd(start);
      }
      if (existing) await ftp.remove(input.to);
      await ftp.rename(input.from, input.to);
      return existing !== undefined;
    });
    return { from: input.from, to: input.to, replaced };
  },
});
