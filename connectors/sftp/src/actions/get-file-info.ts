import { posix } from 'node:path';
import { defineAction, Type } from '@mova/sdk';
import { fileInfoFields, pathField } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';
import { entryOf, FileEntry } from '../entries.js';

export const getFileInfo = defineAction({
  auth,
  key: 'files.info',
  title: 'Get file info',
  description: 'Says whether a file or folder exists and gives its type, size, times and permissions.',
  input: Type.Object({ path: pathField('Path of the file or folder') }),
  output: Type.Object(fileInfoFields(FileEntry)),
  examples: [
    {
      input: { path: '/outbox/orders.csv' },
      output: {
        path: '/outbox/orders.csv',
        exists: true,
        entry: {
          name: 'orders.csv',
          path: '/outbox/orders.csv',
          type: 'file',
          size: 48213,
          modifiedAt: '2025-03-04T18:00:00.000Z',
          permissions: '0644',
        },
      },
    },
    {
      title: 'Nothing there',
      input: { path: '/outbox/none.csv' },
      output: { path: '/outbox/none.csv', exists: false },
    },
  ],
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
