import { Readable } from 'node:stream';
import { defineAction, Type } from '@mova/sdk';
import { bytesOf, defaultContentType, uploadFields } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withDrive } from '../client.js';
import { FILE_FIELDS, fileSchema, summarize } from '../files.js';
import { resumableUpload } from '../resumable.js';

/** Drive's advice ("Upload file data"): multipart up to 5 MB, resumable above. */
const MULTIPART_LIMIT = 5 * 1024 * 1024;

export const uploadFile = defineAction({
  auth,
  key: 'files.upload',
  title: 'Upload a file',
  description:
    'Creates a file from text or base64 content (files.create with media): one multipart request up to 5 MB, a resumable upload session above. With convertTo, Drive converts it into a Google Doc, Sheet or Slides.',
  input: Type.Object({
    name: Type.String({ minLength: 1, description: 'File name, e.g. report.csv' }),
    parentId: Type.Optional(
      Type.String({ minLength: 1, description: 'Folder to create it in (default: the top of My Drive)' }),
    ),
    ...uploadFields(),
    description: Type.Optional(Type.String({ description: 'Description shown in Drive' })),
    convertTo: Type.Optional(
      Type.Union(
        [
          Type.Literal('application/vnd.google-apps.document'),
          Type.Literal('application/vnd.google-apps.spreadsheet'),
          Type.Literal('application/vnd.google-apps.presentation'),
        ],
        {
          description:
            'Convert into this Google type (e.g. a CSV into a Sheet); the content is stored as is when empty',
        },
      ),
    ),
  }),
  output: fileSchema,
  examples: [
    {
      title: 'A CSV export into a folder',
      input: {
        name: 'orders-2026-03.csv',
        parentId: '1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuV',
        content: 'id,total\n1001,42.50\n',
        encoding: 'text',
        contentType: 'text/csv',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const body = bytesOf(input.content, input.encoding, ctx.actionKey);
    const contentType = input.contentType ?? defaultContentType(input.encoding);
    const metadata = {
      name: input.name,
      parents: input.parentId ? [input.parentId] : undefined,
      description: input.description,
      mimeType: input.convertTo,
    };
    const file = await withDrive(auth, ctx, async (client, options) => {
      if (body.length > MULTIPART_LIMIT) {
        return resumableUpload(client, { metadata, body, contentType, fields: FILE_FIELDS }, options.signal);
      }
      const { data } = await client.api.files.create(
        {
          requestBody: metadata,
          media: { mimeType: contentType, body: Readable.from([body]) },
          fields: FILE_FIELDS,
          supportsAllDrives: true,
        },
        options,
      );
      return data;
    });
    return summarize(file);
  },
});
