import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withFtp } from '../client.js';
import { entryOf, FileEntry } from '../entries.js';
import { globToRegExp, pathField } from '../paths.js';

export const listFiles = defineAction({
  auth,
  key: 'files.list',
  title: 'List a folder',
  description:
    'Lists the files and folders in a folder on the FTP server, optionally only files or folders and names matching a pattern.',
  input: Type.Object({
    path: pathField('Folder to list, e.g. `/outbox`'),
    pattern: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Only names matching this pattern: `*` any characters, `?` one, `[abc]` one of',
      }),
    ),
    type: Type.Union([Type.Literal('any'), Type.Literal('file'), Type.Literal('directory')], {
      default: 'any',
      description: 'Only files, only folders, or both',
    }),
    limit: Type.Integer({
      minimum: 1,
      maximum: 100000,
      default: 1000,
      description: 'Most entries to return (sorted by name)',
    }),
  }),
  output: Type.Object({
    path: Type.String({ description: 'Folder listed' }),
    entries: Type.Array(FileEntry, { description: 'Entries sorted by name' }),
    count: Type.Integer({ minimum: 0, description: 'How many entries are listed' }),
    truncated: Type.Boolean({ description: 'True when more entries matched than `limit`' }),
  }),
  examples: [
    {
      input: { path: '/outbox', pattern: '*.csv', type: 'file', limit: 1000 },
      output: {
        path: '/outbox',
        entries: [
          {
            name: 'orders.csv',
            path: '/outbox/orders.csv',
            type: 'file',
            size: 48213,
            rawModifiedAt: 'Mar 04 18:00',
            permissions: '644',
          },
        ],
        count: 1,
        truncated: false,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const matches = input.pattern ? globToRegExp(input.pattern) : undefined;
    const entries = await withFtp(auth, ctx, async (ftp) =>
      (await ftp.list(input.path))
        .filter((info) => info.name !== '.' && info.name !== '..')
        .filter((info) => !matches || matches.test(info.name))
        .map((info) => entryOf(input.path, info))
        .filter((entry) => input.type === 'any' || entry.type === input.type)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    );
    return {
      path: input.path,
      entries: entries.slice(0, input.limit),
      count: Math.min(entries.length, input.limit),
      truncated: entries.length > input.limit,
    };
  },
});
