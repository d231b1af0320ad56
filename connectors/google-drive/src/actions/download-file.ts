import type { Readable } from 'node:stream';
import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { checkSize, contentOf, downloadedFields, downloadFields, readCapped } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withDrive } from '../client.js';
import { fileStore } from '../content.js';
import { FILE_FIELDS, fileIdField, fileSchema, summarize } from '../files.js';

const GOOGLE_TYPES = 'application/vnd.google-apps.';

export const downloadFile = defineAction({
  auth,
  key: 'files.download',
  title: 'Download a file',
  description:
    "Reads a file's content into the step output as text or base64 (files.get alt=media), refusing files over maxBytes before reading them. Google Docs, Sheets and Slides have no content of their own: give exportMimeType (e.g. application/pdf, text/csv) to export them (files.export, up to 10 MB).",
  input: Type.Object({
    fileId: fileIdField(),
    exportMimeType: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'For Google Docs, Sheets, Slides and Drawings: the format to export to, e.g. application/pdf, text/plain, text/csv, application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      }),
    ),
    ...downloadFields('file'),
  }),
  output: Type.Composite([
    fileSchema,
    Type.Object({
      ...downloadedFields('file'),
      contentType: Type.String({
        description: 'MIME type of the content returned (the export format for Google files)',
      }),
    }),
  ]),
  examples: [
    { title: 'A CSV file as text', input: { fileId: '0B7_OwkDsUIgFWkZYY1BOTXZ3Zjg', encoding: 'text' } },
    {
      title: 'A Google Doc as PDF',
      input: {
        fileId: '1ZdR3L3qP4Bkq8noWLJHSr_iBau0DNT4Kli4SxNc2YEo',
        exportMimeType: 'application/pdf',
        encoding: 'base64',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withDrive(auth, ctx, async ({ api }, options) => {
      // The metadata first: its size refuses an oversized file before any byte is read.
      const { data: file } = await api.files.get(
        { fileId: input.fileId, fields: FILE_FIELDS, supportsAllDrives: true },
        options,
      );
      const isGoogleFile = (file.mimeType ?? '').startsWith(GOOGLE_TYPES);
      let stream: Readable;
      let contentType: string;
      if (isGoogleFile) {
        if (!input.exportMimeType) {
          throw new ConnectorError(
            `"${file.name}" is a Google file (${file.mimeType}) with no content of its own to download`,
            { kind: 'invalid_input', actionKey: ctx.actionKey },
            'Give exportMimeType, e.g. application/pdf for any of them, text/csv for a Sheet or text/plain for a Doc.',
          );
        }
        contentType = input.exportMimeType;
        const response = await api.files.export(
          { fileId: input.fileId, mimeType: input.exportMimeType },
          { ...options, responseType: 'stream' },
        );
        stream = response.data as unknown as Readable;
      } else {
        checkSize(Number(file.size ?? 0), input.maxBytes, fileStore, ctx.actionKey);
        contentType = file.mimeType ?? 'application/octet-stream';
        const response = await api.files.get(
          { fileId: input.fileId, alt: 'media', supportsAllDrives: true },
          { ...options, responseType: 'stream' },
        );
        stream = response.data as unknown as Readable;
      }
      const bytes = await readCapped(stream, input.maxBytes, fileStore, ctx.actionKey);
      return {
        ...summarize(file),
        content: contentOf(bytes, input.encoding, fileStore, ctx.actionKey),
        encoding: input.encoding,
        contentType,
      };
    });
  },
});
