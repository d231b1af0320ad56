import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDrive } from '../client.js';
import { FILE_FIELDS, fileIdField, fileSchema, summarize } from '../files.js';

export const moveFile = defineAction({
  auth,
  key: 'files.move',
  title: 'Move a file',
  description:
    'Moves a file or folder into another folder (files.update with addParents and removeParents): it leaves every folder it was in before.',
  input: Type.Object({
    fileId: fileIdField('Id of the file or folder to move'),
    folderId: Type.String({ minLength: 1, description: 'Id of the folder to move it into' }),
    name: Type.Optional(Type.String({ minLength: 1, description: 'Also rename it to this' })),
  }),
  output: fileSchema,
  examples: [
    {
      title: 'File a processed invoice',
      input: { fileId: '0B7_OwkDsUIgFWkZYY1BOTXZ3Zjg', folderId: '1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuV' },
    },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await withDrive(auth, ctx, async ({ api }, options) => {
      const current = await api.files.get(
        { fileId: input.fileId, fields: 'parents', supportsAllDrives: true },
        options,
      );
      const leave = (current.data.parents ?? []).filter((parent) => parent !== input.folderId);
      return api.files.update(
        {
          fileId: input.fileId,
          addParents: input.folderId,
          removeParents: leave.length > 0 ? leave.join(',') : undefined,
          requestBody: input.name ? { name: input.name } : {},
          fields: FILE_FIELDS,
          supportsAllDrives: true,
        },
        options,
      );
    });
    return summarize(data);
  },
});
