import { posix } from 'node:path';
import { defineAction } from '@mova/sdk';
import { fileInfoAction } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';
import { entryOf, FileEntry } from '../entries.js';

export const getFileInfo = defineAction({
  auth,
  ...fileInfoAction(
    'Says whether a file or folder exists and gives its type, size, times and permissions.',
    FileEntry,
    {
      name: 'orders.csv',
      path: '/outbox/orders.csv',
      type: 'file',
      size: 48213,
      modifiedAt: '2025-03-04T18:00:00.000Z',
      permissions: '0644',
    },
  ),
  async run({ input, auth, ctx }) {
    const attrs = await withSftp(auth, ctx, (session) => session.stat(input.path));
    if (!attrs) return { path: input.path, exists: false };
    return {
      path: input.path,
      exists: true,
      entry: entryOf(posix.dirname(input.path), posix.basename(input.path), attrs),
    };
  },
});
