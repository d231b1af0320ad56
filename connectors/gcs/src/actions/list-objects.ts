import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { gcsClient } from '../client.js';
import { gcsCall } from '../errors.js';
import { objectSchema, summarize } from '../objects.js';
import { nextPage, prefixesOf } from '../pages.js';

export const listObjects = defineAction({
  auth,
  key: 'objects.list',
  title: 'List objects',
  description: 'Lists the objects in a bucket, optionally one "folder" level at a time, one page at a time.',
  input: Type.Object({
    bucket: Type.String({ minLength: 3, maxLength: 222, description: 'Bucket name.' }),
    prefix: Type.Optional(
      Type.String({ description: 'Only objects whose name starts with this text, e.g. "reports/2025/".' }),
    ),
    delimiter: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'Set to "/" to list one folder level: objects below it are left out and their folders returned in prefixes.',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Most objects to return (1–1000).' }),
    pageToken: Type.Optional(
      Type.String({ minLength: 1, description: 'nextPageToken from the previous page, to fetch the next one.' }),
    ),
  }),
  output: Type.Object({
    objects: Type.Array(objectSchema),
    prefixes: Type.Array(Type.String(), { description: 'Folders at this level (only with a delimiter).' }),
    nextPageToken: Type.Optional(Type.String({ description: 'Present when more objects follow.' })),
  }),
  examples: [
    {
      input: { bucket: 'acme-reports', prefix: 'daily/', delimiter: '/', limit: 50 },
      output: {
        objects: [
          {
            bucket: 'acme-reports',
            name: 'daily/2025-03-04.csv',
            size: 22,
            contentType: 'text/csv',
            generation: '1741111200123456',
            updated: '2025-03-04T18:00:00.123Z',
            md5Hash: 'sQqNsWTgdUEFt6mb5y4/5Q==',
          },
        ],
        prefixes: ['daily/archive/'],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const [files, nextQuery, apiResponse] = await gcsCall(ctx.actionKey, () =>
      gcsClient(auth).storage.bucket(input.bucket).getFiles({
        prefix: input.prefix,
        delimiter: input.delimiter,
        maxResults: input.limit,
        pageToken: input.pageToken,
        autoPaginate: false,
      }),
    );
    return {
      objects: files.map((file) => summarize(input.bucket, file.name, file.metadata)),
      prefixes: prefixesOf(apiResponse),
      ...nextPage(nextQuery),
    };
  },
});
