import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { findEntry, withFtp } from '../client.js';
import { pathField } from '../paths.js';

export const deleteFile = defineAction({
  auth,
  key: 'files.delete',
  title: 'Delete a file',
  description:
    'Deletes a file on the FTP server (DELE). A missing file fails the step as not found unless `ignoreMissing` is set.',
  input: Type.Object({
    path: pathField('Path of the file to delete'),
    ignoreMissing: Type.Boolean({
      default: false,
      description: 'Complete (with deleted: false) when the file does not exist',
    }),
  }),
  output: Type.Object({
    path: Type.String({ description: 'Path deleted' }),
    deleted: Type.Boolean({ description: 'False when there was no file to delete' }),
  }),
  examples: [
    {
      input: { path: '/inbox/orders.csv', ignoreMissing: false },
      output: { path: '/inbox/orders.csv', deleted: true },
    },
  ],
  async run({ input, auth, ctx }) {
    const deleted = await withFtp(auth, ctx, async (ftp) => {
      if (input.ignoreMissing && !(await findEntry(ftp, input.path))) return false;
      await ftp.remove(input.path);
      return true;
    });
    return { path: input.path, deleted };
  },
});
