import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { findEntry, withFtp } from '../client.js';
import { parentOf, pathField } from '../paths.js';

export const renameFile = defineAction({
  auth,
  key: 'files.rename',
  title: 'Rename or move',
  description:
    'Renames or moves a file or folder on the FTP server (RNFR/RNTO). An existing target fails the step as a conflict unless `overwrite` is set.',
  input: Type.Object({
    from: pathField('Current path'),
    to: pathField('New path'),
    overwrite: Type.Boolean({
      default: false,
      description: 'Replace an existing file at the new path (deleted first)',
    }),
    createFolders: Type.Boolean({
      default: false,
      description: 'Create the folders of the new path that do not exist yet',
    }),
  }),
  output: Type.Object({
    from: Type.String({ description: 'Old path' }),
    to: Type.String({ description: 'New path' }),
    replaced: Type.Boolean({ description: 'True when a file at the new path was replaced' }),
  }),
  examples: [
    {
      input: { from: '/inbox/orders.csv', to: '/archive/orders-2025-03-04.csv', overwrite: false, createFolders: true },
      output: { from: '/inbox/orders.csv', to: '/archive/orders-2025-03-04.csv', replaced: false },
    },
  ],
  async run({ input, auth, ctx }) {
    const replaced = await withFtp(auth, ctx, async (ftp) => {
      if (!(await findEntry(ftp, input.from))) {
        throw new ConnectorError(
          `${input.from} does not exist`,
          { kind: 'not_found', actionKey: ctx.actionKey },
          'Check the path.',
        );
      }
      // Servers differ on RNTO to an existing name (Unix ones replace it silently); check first.
      const existing = await findEntry(ftp, input.to);
      if (existing && !input.overwrite) {
        throw new ConnectorError(
          `${input.to} already exists`,
          { kind: 'conflict', actionKey: ctx.actionKey },
          'Set overwrite to true to replace it, or choose another path.',
        );
      }
      if (input.createFolders) {
        const start = await ftp.pwd();
        await ftp.ensureDir(parentOf(input.to));
        await ftp.cd(start);
      }
      if (existing) await ftp.remove(input.to);
      await ftp.rename(input.from, input.to);
      return existing !== undefined;
    });
    return { from: input.from, to: input.to, replaced };
  },
});
