import { defineAction, Type } from '@mova/sdk';
import { deleteFolderFields } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withFtp } from '../client.js';

export const deleteFolder = defineAction({
  auth,
  key: 'folders.delete',
  title: 'Delete a folder',
  description:
    'Deletes a folder on the FTP server; with `recursive`, everything in it too, otherwise it must be empty (RMD).',
  input: Type.Object(deleteFolderFields()),
  output: Type.Object({ path: Type.String({ description: 'Folder deleted' }) }),
  examples: [{ input: { path: '/archive/2019', recursive: true }, output: { path: '/archive/2019' } }],
  async run({ input, auth, ctx }) {
    await withFtp(auth, ctx, async (ftp) => {
      if (input.recursive) await ftp.removeDir(input.path);
      else await ftp.removeEmptyDir(input.path);
    });
    return { path: input.path };
  },
});
