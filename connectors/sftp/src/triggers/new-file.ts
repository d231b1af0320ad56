import { defineTrigger, Type } from '@mova/sdk';
import { globToRegExp, pathField, patternField } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';
import { entryOf, FileEntry } from '../entries.js';

/**
 * Files a poll considers, newest first. The SDK remembers the last 1000 ids it has seen; keeping
 * each poll to half that means a file never falls out of memory while it can still be returned.
 */
export const PER_POLL = 500;

export const newFile = defineTrigger({
  auth,
  kind: 'polling',
  key: 'files.new',
  title: 'New file in a folder',
  description:
    'Fires once for each new file in a folder on the SFTP server (optionally matching a pattern), and with `includeUpdated` again when a file is replaced. The first poll records the files that exist.',
  input: Type.Object({
    path: pathField('Folder to watch, e.g. `/outbox`'),
    pattern: patternField('Only names matching this pattern, e.g. `*.csv`'),
    minAgeSeconds: Type.Integer({
      minimum: 0,
      maximum: 86400,
      default: 0,
      description: 'Only files not modified for this long, so a file still being uploaded is picked up once complete',
    }),
    includeUpdated: Type.Boolean({
      default: false,
      description: 'Fire again when a file seen before gets a new modification time or size',
    }),
  }),
  output: Type.Object({
    id: Type.String({ description: 'The path, plus the modification time and size with includeUpdated' }),
    ...FileEntry.properties,
  }),
  // Modification times have one-second steps in SFTP and may be preserved by the uploader, so a
  // timestamp cursor would skip files; ids (the path, or the path's version) do not.
  dedupe: { by: 'id', field: 'id' },
  examples: [
    {
      input: { path: '/outbox', pattern: '*.csv', minAgeSeconds: 30, includeUpdated: false },
      output: {
        id: '/outbox/orders-2025-03-04.csv',
        name: 'orders-2025-03-04.csv',
        path: '/outbox/orders-2025-03-04.csv',
        type: 'file',
        size: 48213,
        modifiedAt: '2025-03-04T18:00:00.000Z',
        permissions: '0644',
      },
    },
  ],
  async poll({ input, auth, ctx }) {
    const matches = input.pattern ? globToRegExp(input.pattern) : undefined;
    const settled = Date.now() - input.minAgeSeconds * 1000;
    const files = await withSftp(auth, ctx, async (session) =>
      (await session.readdir(input.path))
        .filter((item) => !matches || matches.test(item.filename))
        .map((item) => entryOf(input.path, item.filename, item.attrs))
        .filter((entry) => entry.type === 'file' && Date.parse(entry.modifiedAt) <= settled),
    );
    return files
      .sort((a, b) => Date.parse(b.modifiedAt) - Date.parse(a.modifiedAt) || (a.name < b.name ? -1 : 1))
      .slice(0, PER_POLL)
      .reverse()
      .map((file) => ({
        id: input.includeUpdated ? `${file.path}@${file.modifiedAt}#${file.size}` : file.path,
        ...file,
      }));
  },
});
