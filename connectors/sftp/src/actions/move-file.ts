import { defineAction, Type } from '@mova/sdk';
import { existingPath, missingPath, movedFields, moveFields, parentOf } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';

export const moveFile = defineAction({
  auth,
  key: 'files.move',
  title: 'Move or rename',
  description:
    'Moves or renames a file or folder on the SFTP server. An existing target fails the step as a conflict unless `overwrite` is set.',
  input: Type.Object(
    moveFields(
      'Replace an existing file at the new path (atomically where the server supports posix-rename@openssh.com, else by deleting it first)',
    ),
  ),
  output: Type.Object(movedFields()),
  examples: [
    {
      input: { from: '/inbox/orders.csv', to: '/archive/2025/orders.csv', overwrite: false, createFolders: true },
      output: { from: '/inbox/orders.csv', to: '/archive/2025/orders.csv', replaced: false },
    },
  ],
  async run({ input, auth, ctx }) {
    const replaced = await withSftp(auth, ctx, async (session) => {
      if (!(await session.stat(input.from))) {
        throw missingPath(input.from, ctx.actionKey);
      }
      const existing = await session.stat(input.to);
      if (existing && !input.overwrite) {
        throw existingPath(input.to, ctx.actionKey);
      }
      const folder = parentOf(input.to);
      if (input.createFolders && !(await session.stat(folder))) await session.client.mkdir(folder, true);
      if (!existing) {
        await session.client.rename(input.from, input.to);
        return false;
      }
      // SFTP v3 rename refuses an existing target; OpenSSH's extension replaces it atomically.
      try {
        await session.client.posixRename(input.from, input.to);
      } catch (error) {
        if (!/does not support/i.test(error instanceof Error ? error.message : '')) throw error;
        await session.client.delete(input.to);
        await session.client.rename(input.from, input.to);
      }
      return true;
    });
    return { from: input.from, to: input.to, replaced };
  },
});
