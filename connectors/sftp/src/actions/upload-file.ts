import { defineAction, Type } from '@mova/sdk';
import { bytesOf } from '@mova/sdk/content';
import { existingPath, parentOf, uploadFileAction } from '@mova/sdk/file-transfer';
import { auth } from '../auth.js';
import { withSftp } from '../client.js';

export const uploadFile = defineAction({
  auth,
  ...uploadFileAction(
    'Writes text or base64 content to a file on the SFTP server, replacing it or refusing when it exists, and creating missing folders on the way.',
    { modifiedAt: Type.String({ format: 'date-time', description: 'Modification time the server gave it' }) },
    { modifiedAt: '2025-03-04T18:00:00.000Z' },
  ),
  async run({ input, auth, ctx }) {
    const body = bytesOf(input.content, input.encoding, ctx.actionKey);
    const attrs = await withSftp(auth, ctx, async (session) => {
      if (!input.overwrite && (await session.stat(input.path))) {
        throw existingPath(input.path, ctx.actionKey);
      }
      const folder = parentOf(input.path);
      if (input.createFolders && !(await session.stat(folder))) await session.client.mkdir(folder, true);
      await session.client.put(body, input.path);
      return session.stat(input.path);
    });
    return {
      path: input.path,
      size: attrs?.size ?? body.length,
      modifiedAt: new Date((attrs?.mtime ?? Date.now() / 1000) * 1000).toISOString(),
    };
  },
});
