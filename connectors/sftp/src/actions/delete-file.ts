import { defineAction } from '@mova/sdk';
import { deleteFileAction } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';

export const deleteFile = defineAction({
  auth,
  ...deleteFileAction(
    'Deletes a file on the SFTP server. A missing file fails the step as not found unless `ignoreMissing` is set.',
  ),
  async run({ input, auth, ctx }) {
    const deleted = await withSftp(auth, ctx, async (session) => {
      if (input.ignoreMissing && !(await session.stat(input.path))) return false;
      await session.client.delete(input.path);
      return true;
    });
    return { path: input.path, deleted };
  },
});
