import { defineTrigger, Type } from '@mova/sdk';
import { globToRegExp, pathField, patternField } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withFtp } from '../client.js';
import { entryOf, exampleEntry, FileEntry } from '../entries.js';

/** The SDK remembers the last 1000 ids; a poll returns at most half that, so none falls out while listed. */
export const PER_POLL = 500;

export const newFile = defineTrigger({
  auth,
  kind: 'polling',
  key: 'files.new',
  title: 'New file in a folder',
  description:
    'Fires once for each new file in a folder on the FTP server (optionally matching a pattern), and with `includeUpdated` again when a file’s listed time or size changes. The first poll records the files that exist.',
  input: Type.Object({
    path: pathField('Folder to watch, e.g. `/outbox`'),
    pattern: patternField('Only names matching this pattern, e.g. `*.csv`'),
    includeUpdated: Type.Boolean({
      default: false,
      description: 'Fire again when a file seen before is listed with another modification time or size',
    }),
  }),
  output: Type.Object({
    id: Type.String({ description: 'The path, plus the listed modification time and size with includeUpdated' }),
    ...FileEntry.properties,
  }),
  // FTP listings give times to the minute (or the day) in the server's zone: a timestamp cursor
  // would skip files; ids (the path, or the path's version) do not.
  dedupe: { by: 'id', field: 'id' },
  examples: [
    {
      input: { path: '/outbox', pattern: '*.csv', includeUpdated: false },
      output: { id: exampleEntry.path, ...exampleEntry },
    },
  ],
  async poll({ input, auth, ctx }) {
    const matches = input.pattern ? globToRegExp(input.pattern) : undefined;
    const files = await withFtp(auth, ctx, async (ftp) =>
      (await ftp.list(input.path))
        .filter((info) => info.isFile && (!matches || matches.test(info.name)))
        .map((info) => entryOf(input.path, info)),
    );
    return files
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(-PER_POLL)
      .map((file) => ({
        id: input.includeUpdated ? `${file.path}@${file.rawModifiedAt}#${file.size}` : file.path,
        ...file,
      }));
  },
});
