import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';
import { parentOf, pathField } from '../paths.js';

export const moveFile = defineAction({
  auth,
  key: 'files.move',
  title: 'Move or rename',
  description:
    'Moves or renames a file or folder on the SFTP server. An existing target fails the step as a conflict unless `overwrite` is set.',
  input: Type.Object({
    from: pathField('Current path'),
    to: pathField('New path'),
    overwrite: Type.Boolean({
      default: false,
      description:
        'Replace an existing file at the new path (atomically where the server supports posix-rename@openssh.com, else by deleting it first)',
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
      input: { from: '/inbox/orders.csv', to: '/archive/2025/orders.csv', overwrite: false, createFolders: true },
      output: { from: '/inbox/orders.csv', to: '/archive/2025/orders.csv', replaced: false },
    },
  ],
  async run({ input, auth, ctx }) {
    const replaced = await withSftp(auth, ctx, async (session) => {
      if (!(await session.stat(input.from))) {
        throw new ConnectorError(
          `${input.from} does not exist`,
          { kind: 'not_found', actionKey: ctx.actionKey },
          'Check the path.',
        );
      }
      const existing = await session.stat(input.to);
      if (existing && !input.overwrite) {
        throw new ConnectorError(
          `${input.to} already exists`,
          { kind: 'conflict', actionKey: ctx.actionKey },
          'Set overwrite to true to replace it, or choose another path.',
        );
      }
      const folder = parentOf(input.to);
      if (input.createFolders && !(await session.stat(folder))) await session.client.mkdir(folder, true);
      if (!existing) {
        await session.client.rename(input.from, input.to);
        return false;
      }
      // SFTP v3 rename refuses an existing target; OpenSSH's extension replaces it atomically.
      try {
        await session.client.posixRename(input.from, input.to);
      } catch (error) {
        if (!/does not support/i.test(error instanceof Error ? error.message : '')) throw error;
        await session.client.delete(input.to);
        await session.client.rename(input.from, input.to);
      }
      return true;
    });
    return { from: input.from, to: input.to, replaced };
  },
});
