import { defineAction, Type } from '@mova/sdk';
import { globToRegExp, listedFields, listFields, listing } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withFtp } from '../client.js';
import { entryOf, FileEntry } from '../entries.js';

export const listFiles = defineAction({
  auth,
  key: 'files.list',
  title: 'List a folder',
  description:
    'Lists the files and folders in a folder on the FTP server, optionally only files or folders and names matching a pattern.',
  input: Type.Object(listFields('Folder to list, e.g. `/outbox`')),
  output: Type.Object(listedFields(FileEntry)),
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
    const pattern = input.pattern ? globToRegExp(input.pattern) : undefined;
    const entries = await withFtp(auth, ctx, async (ftp) =>
      (await ftp.list(input.path)).map((info) => entryOf(input.path, info)),
    );
    return listing(input.path, entries, { pattern, type: input.type, limit: input.limit });
  },
});
