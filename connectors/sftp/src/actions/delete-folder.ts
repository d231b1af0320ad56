import { defineAction, Type } from '@mova/sdk';
import { deleteFolderFields } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';

export const deleteFolder = defineAction({
  auth,
  key: 'folders.delete',
  title: 'Delete a folder',
  description:
    'Deletes a folder on the SFTP server; with `recursive`, everything in it too, otherwise it must be empty.',
  input: Type.Object(deleteFolderFields()),
  output: Type.Object({ path: Type.String({ description: 'Folder deleted' }) }),
  examples: [{ input: { path: '/archive/2019', recursive: true }, output: { path: '/archive/2019' } }],
  async run({ input, auth, ctx }) {
    await withSftp(auth, ctx, (session) => session.client.rmdir(input.path, input.recursive));
    return { path: input.path };
  },
});
