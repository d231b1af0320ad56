import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDrive } from '../client.js';
import { FILE_FIELDS, fileIdField, fileSchema, summarize } from '../files.js';

export const copyFile = defineAction({
  auth,
  key: 'files.copy',
  title: 'Copy a file',
  description:
    'Copies a file (files.copy), e.g. a template document, optionally under a new name and into another folder. Folders cannot be copied.',
  input: Type.Object({
    fileId: fileIdField('Id of the file to copy'),
    name: Type.Optional(Type.String({ minLength: 1, description: 'Name of the copy (default: "Copy of …")' })),
    parentId: Type.Optional(
      Type.String({ minLength: 1, description: 'Folder to put the copy in (default: where the original is)' }),
    ),
  }),
  output: fileSchema,
  examples: [
    {
      title: 'A contract from the template',
      input: {
        fileId: '1ZdR3L3qP4Bkq8noWLJHSr_iBau0DNT4Kli4SxNc2YEo',
        name: 'Contract – Acme Corp',
        parentId: '1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuV',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await withDrive(auth, ctx, ({ api }, options) =>
      api.files.copy(
        {
          fileId: input.fileId,
          requestBody: { name: input.name, parents: input.parentId ? [input.parentId] : undefined },
          fields: FILE_FIELDS,
          supportsAllDrives: true,
        },
        options,
      ),
    );
    return summarize(data);
  },
});
