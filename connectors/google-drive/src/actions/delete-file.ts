import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDrive } from '../client.js';
import { fileIdField } from '../files.js';

export const deleteFile = defineAction({
  auth,
  key: 'files.delete',
  title: 'Delete a file',
  description:
    'Moves a file or folder to the trash (files.update trashed: true), where it can be restored for 30 days; with permanent, deletes it at once (files.delete), a folder with everything in it.',
  input: Type.Object({
    fileId: fileIdField('Id of the file or folder'),
    permanent: Type.Boolean({
      default: false,
      description: 'Delete for good instead of trashing (default false); needs owner rights',
    }),
  }),
  output: Type.Object({
    fileId: Type.String({ description: 'Id of the file' }),
    trashed: Type.Boolean({ description: 'True when moved to the trash' }),
    deleted: Type.Boolean({ description: 'True when deleted for good' }),
  }),
  examples: [
    {
      title: 'Trash a file',
      input: { fileId: '0B7_OwkDsUIgFWkZYY1BOTXZ3Zjg' },
      output: { fileId: '0B7_OwkDsUIgFWkZYY1BOTXZ3Zjg', trashed: true, deleted: false },
    },
  ],
  async run({ input, auth, ctx }) {
    await withDrive(auth, ctx, async ({ api }, options) => {
      if (input.permanent) await api.files.delete({ fileId: input.fileId, supportsAllDrives: true }, options);
      else
        await api.files.update(
          { fileId: input.fileId, requestBody: { trashed: true }, fields: 'id,trashed', supportsAllDrives: true },
          options,
        );
    });
    return { fileId: input.fileId, trashed: !input.permanent, deleted: input.permanent };
  },
});
