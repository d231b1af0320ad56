import { defineAction } from '@mova/sdk';
import { globToRegExp, listFilesAction, listing } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';
import { entryOf, FileEntry } from '../entries.js';

export const listFiles = defineAction({
  auth,
  ...listFilesAction('SFTP', 'Folder to list, e.g. `/uploads` (relative paths start in the login folder)', FileEntry, {
    name: 'orders-2025-03-04.csv',
    path: '/outbox/orders-2025-03-04.csv',
    type: 'file',
    size: 48213,
    modifiedAt: '2025-03-04T18:00:00.000Z',
    accessedAt: '2025-03-04T18:00:00.000Z',
    permissions: '0644',
    uid: 1001,
    gid: 1001,
  }),
  async run({ input, auth, ctx }) {
    const pattern = input.pattern ? globToRegExp(input.pattern) : undefined;
    const entries = await withSftp(auth, ctx, async (session) =>
      (await session.readdir(input.path)).map((item) => entryOf(input.path, item.filename, item.attrs)),
    );
    return listing(input.path, entries, { pattern, type: input.type, limit: input.limit });
  },
});
