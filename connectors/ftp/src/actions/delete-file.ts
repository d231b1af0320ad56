import { defineAction } from '@mova/sdk';
import { deleteFileAction } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { findEntry, withFtp } from '../client.js';

export const deleteFile = defineAction({
  auth,
  ...deleteFileAction(
    'Deletes a file on the FTP server (DELE). A missing file fails the step as not found unless `ignoreMissing` is set.',
  ),
  async run({ input, auth, ctx }) {
    const deleted = await withFtp(auth, ctx, async (ftp) => {
      if (input.ignoreMissing && !(await findEntry(ftp, input.path))) return false;
      await ftp.remove(input.path);
      return true;
    });
    return { path: input.path, deleted };
  },
});
