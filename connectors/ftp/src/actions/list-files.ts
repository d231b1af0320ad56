import { defineAction } from '@mova/sdk';
import { globToRegExp, listFilesAction, listing } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withFtp } from '../client.js';
import { entryOf, exampleEntry, FileEntry } from '../entries.js';

export const listFiles = defineAction({
  auth,
  ...listFilesAction('FTP', 'Folder to list, e.g. `/outbox`', FileEntry, exampleEntry),
  async run({ input, auth, ctx }) {
    const pattern = input.pattern ? globToRegExp(input.pattern) : undefined;
    const entries = await withFtp(auth, ctx, async (ftp) =>
      (await ftp.list(input.path)).map((info) => entryOf(input.path, info)),
    );
    return listing(input.path, entries, { pattern, type: input.type, limit: input.limit });
  },
});
