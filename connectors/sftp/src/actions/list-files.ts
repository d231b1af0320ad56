import { defineAction, Type } from '@mova/sdk';
import { globToRegExp, listedFields, listFields, listing } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';
import { entryOf, FileEntry } from '../entries.js';

export const listFiles = defineAction({
  auth,
  key: 'files.list',
  title: 'List a folder',
  description:
    'Lists the files and folders in a folder on the SFTP server, optionally only files or folders and names matching a pattern.',
  input: Type.Object(listFields('Folder to list, e.g. `/uploads` (relative paths start in the login folder)')),
  output: Type.Object(listedFields(FileEntry)),
  examples: [
    {
      input: { path: '/outbox', pattern: '*.csv', type: 'file', limit: 1000 },
      output: {
        path: '/outbox',
        entries: [
          {
            name: 'orders-2025-03-04.csv',
            path: '/outbox/orders-2025-03-04.csv',
            type: 'file',
            size: 48213,
            modifiedAt: '2025-03-04T18:00:00.000Z',
            accessedAt: '2025-03-04T18:00:00.000Z',
            permissions: '0644',
            uid: 1001,
            gid: 1001,
          },
        ],
        count: 1,
        truncated: false,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const pattern = input.pattern ? globToRegExp(input.pattern) : undefined;
    const entries = await withSftp(auth, ctx, async (session) =>
      (await session.readdir(input.path)).map((item) => entryOf(input.path, item.filename, item.attrs)),
    );
    return listing(input.path, entries, { pattern, type: input.type, limit: input.limit });
  },
});
