import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDrive } from '../client.js';
import { FILE_FIELDS, FOLDER_MIME_TYPE, fileSchema, summarize } from '../files.js';

export const createFolder = defineAction({
  auth,
  key: 'folders.create',
  title: 'Create a folder',
  description:
    'Creates a folder (files.create with the folder MIME type) in a parent folder, or at the top of My Drive.',
  input: Type.Object({
    name: Type.String({ minLength: 1, description: 'Folder name (Drive allows several with the same name)' }),
    parentId: Type.Optional(
      Type.String({ minLength: 1, description: 'Folder to create it in (default: the top of My Drive)' }),
    ),
    description: Type.Optional(Type.String({ description: 'Description shown in Drive' })),
  }),
  output: fileSchema,
  examples: [
    { title: 'A folder per customer', input: { name: 'Acme Corp', parentId: '1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuV' } },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await withDrive(auth, ctx, ({ api }, options) =>
      api.files.create(
        {
          requestBody: {
            name: input.name,
            mimeType: FOLDER_MIME_TYPE,
            description: input.description,
            parents: input.parentId ? [input.parentId] : undefined,
          },
          fields: FILE_FIELDS,
          supportsAllDrives: true,
        },
        options,
      ),
    );
    return summarize(data);
  },
});
