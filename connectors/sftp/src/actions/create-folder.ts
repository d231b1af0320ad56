import { defineAction, Type } from '@mova/sdk';
import { createdFolderFields, notAFolder, pathField } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';

export const createFolder = defineAction({
  auth,
  key: 'folders.create',
  title: 'Create a folder',
  description: 'Creates a folder on the SFTP server, with its missing parents; an existing folder is left as it is.',
  input: Type.Object({
    path: pathField('Path of the folder, e.g. `/archive/2025/03`'),
    recursive: Type.Boolean({ default: true, description: 'Create missing parent folders too' }),
  }),
  output: Type.Object(createdFolderFields()),
  examples: [
    { input: { path: '/archive/2025/03', recursive: true }, output: { path: '/archive/2025/03', created: true } },
  ],
  async run({ input, auth, ctx }) {
    const created = await withSftp(auth, ctx, async (session) => {
      const existing = await session.stat(input.path);
      if (existing) {
        if ((existing.mode & 0o170000) === 0o040000) return false;
        throw notAFolder(input.path, ctx.actionKey);
      }
      await session.client.mkdir(input.path, input.recursive);
      return true;
    });
    return { path: input.path, created };
  },
});
