import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDrive } from '../client.js';
import { FILE_FIELDS, fileSchema, quoted, summarize } from '../files.js';

export const newFiles = defineTrigger({
  auth,
  kind: 'polling',
  key: 'files.new',
  title: 'New files',
  description:
    'Starts a workflow for each file created in a folder (or anywhere the account can see): each poll lists the 100 newest by createdTime (files.list) and emits those not emitted before, by id. Files moved into the folder keep their old createdTime and show up only if among the newest.',
  input: Type.Object({
    folderId: Type.Optional(
      Type.String({ minLength: 1, description: 'Only files directly in this folder; anywhere when empty' }),
    ),
    mimeType: Type.Optional(
      Type.String({ minLength: 1, description: 'Only files of this MIME type, e.g. application/pdf' }),
    ),
  }),
  output: fileSchema,
  dedupe: { by: 'id', field: 'id' },
  examples: [{ title: 'New files in an inbox folder', input: { folderId: '1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuV' } }],
  async poll({ input, auth, ctx }) {
    const clauses = [
      'trashed = false',
      ...(input.folderId ? [`${quoted(input.folderId)} in parents`] : []),
      ...(input.mimeType ? [`mimeType = ${quoted(input.mimeType)}`] : []),
    ];
    const { data } = await withDrive(auth, ctx, ({ api }, options) =>
      api.files.list(
        {
          q: clauses.join(' and '),
          orderBy: 'createdTime desc',
          pageSize: 100,
          fields: `files(${FILE_FIELDS})`,
          supportsAllDrives: true,
          includeItemsFromAllDrives: true,
        },
        options,
      ),
    );
    // Oldest first, so workflows start in the order files arrived.
    return (data.files ?? []).map(summarize).reverse();
  },
});
