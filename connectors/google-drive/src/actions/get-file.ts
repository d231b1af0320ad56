import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDrive } from '../client.js';
import { FILE_FIELDS, fileIdField, fileSchema, summarize } from '../files.js';

export const getFile = defineAction({
  auth,
  key: 'files.get',
  title: 'Get file details',
  description: "Reads a file's metadata (files.get): name, type, size, folders, times and links, without its content.",
  input: Type.Object({ fileId: fileIdField() }),
  output: fileSchema,
  examples: [{ input: { fileId: '1ZdR3L3qP4Bkq8noWLJHSr_iBau0DNT4Kli4SxNc2YEo' } }],
  async run({ input, auth, ctx }) {
    const { data } = await withDrive(auth, ctx, ({ api }, options) =>
      api.files.get({ fileId: input.fileId, fields: FILE_FIELDS, supportsAllDrives: true }, options),
    );
    return summarize(data);
  },
});
