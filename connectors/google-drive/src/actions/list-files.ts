import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDrive } from '../client.js';
import { FILE_FIELDS, fileSchema, quoted, summarize } from '../files.js';

export const listFiles = defineAction({
  auth,
  key: 'files.list',
  title: 'List or search files',
  description:
    'Lists files the account can see (files.list), in a folder, by name or type, or by any Drive search query (q), a page at a time: pass nextPageToken back as pageToken. Trashed files are left out unless asked for.',
  input: Type.Object({
    folderId: Type.Optional(
      Type.String({ minLength: 1, description: 'Only files directly in this folder ("root" for My Drive)' }),
    ),
    nameContains: Type.Optional(Type.String({ minLength: 1, description: 'Only files whose name contains this text' })),
    mimeType: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Only files of this MIME type, e.g. application/pdf or application/vnd.google-apps.folder',
      }),
    ),
    query: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "A Drive search query, ANDed with the filters above, e.g. modifiedTime > '2026-01-01T00:00:00' and starred = true",
      }),
    ),
    includeTrashed: Type.Boolean({ default: false, description: 'Include files in the trash (default false)' }),
    orderBy: Type.Optional(
      Type.String({ pattern: '^[a-zA-Z_ ,]+$', description: 'Sort order, e.g. "modifiedTime desc" or "name"' }),
    ),
    driveId: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Search this shared drive instead of My Drive and files shared with the account',
      }),
    ),
    pageSize: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Files per page (default 100)' }),
    pageToken: Type.Optional(Type.String({ minLength: 1, description: 'nextPageToken of the previous page' })),
  }),
  output: Type.Object({
    files: Type.Array(fileSchema, { description: 'Files on this page' }),
    nextPageToken: Type.Optional(
      Type.String({ description: 'Pass as pageToken for the next page; absent on the last page' }),
    ),
  }),
  examples: [
    { title: 'PDFs in a folder', input: { folderId: '1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuV', mimeType: 'application/pdf' } },
    {
      title: 'Files named like an invoice, newest first',
      input: { nameContains: 'invoice', orderBy: 'modifiedTime desc', pageSize: 20 },
    },
  ],
  async run({ input, auth, ctx }) {
    const clauses = [
      ...(input.folderId ? [`${quoted(input.folderId)} in parents`] : []),
      ...(input.nameContains ? [`name contains ${quoted(input.nameContains)}`] : []),
      ...(input.mimeType ? [`mimeType = ${quoted(input.mimeType)}`] : []),
      ...(input.includeTrashed ? [] : ['trashed = false']),
      ...(input.query ? [`(${input.query})`] : []),
    ];
    const { data } = await withDrive(auth, ctx, ({ api }, options) =>
      api.files.list(
        {
          q: clauses.join(' and ') || undefined,
          orderBy: input.orderBy,
          pageSize: input.pageSize,
          pageToken: input.pageToken,
          fields: `nextPageToken,files(${FILE_FIELDS})`,
          supportsAllDrives: true,
          includeItemsFromAllDrives: true,
          ...(input.driveId ? { corpora: 'drive', driveId: input.driveId } : {}),
        },
        options,
      ),
    );
    return {
      files: (data.files ?? []).map(summarize),
      ...(data.nextPageToken ? { nextPageToken: data.nextPageToken } : {}),
    };
  },
});
