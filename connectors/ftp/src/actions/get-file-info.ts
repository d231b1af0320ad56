import { posix } from 'node:path';
import { defineAction } from '@mova/sdk';
import { fileInfoAction } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { findEntry, withFtp } from '../client.js';
import { entryOf, FileEntry } from '../entries.js';

export const getFileInfo = defineAction({
  auth,
  ...fileInfoAction(
    'Says whether a file or folder exists and gives its type and size; for a file also its exact modification time (MDTM) where the server has it.',
    FileEntry,
    {
      name: 'orders.csv',
      path: '/outbox/orders.csv',
      type: 'file',
      size: 48213,
      modifiedAt: '2025-03-04T18:00:12.000Z',
      rawModifiedAt: 'Mar 04 18:00',
      permissions: '644',
    },
  ),
  async run({ input, auth, ctx }) {
    return withFtp(auth, ctx, async (ftp) => {
      const info = await findEntry(ftp, input.path);
      if (!info) return { path: input.path, exists: false };
      const entry = entryOf(posix.dirname(input.path), info);
      if (entry.type === 'file' && !entry.modifiedAt) {
        // A listing gives minutes at best; MDTM gives the second (servers without it: left out).
        const exact = await ftp.lastMod(input.path).catch(() => undefined);
        if (exact && !Number.isNaN(exact.getTime())) entry.modifiedAt = exact.toISOString();
      }
      return { path: input.path, exists: true, entry };
    });
  },
});
