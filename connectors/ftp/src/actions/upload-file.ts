import { Readable } from 'node:stream';
import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { bytesOf, encodingField, uploadFields } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { findEntry, withFtp } from '../client.js';
import { parentOf, pathField } from '../paths.js';

export const uploadFile = defineAction({
  auth,
  key: 'files.upload',
  title: 'Upload a file',
  description:
    'Writes text or base64 content to a file on the FTP server (binary mode), replacing it or refusing when it exists, and creating missing folders on the way.',
  input: Type.Object({
    path: pathField('Path of the file to write, e.g. `/inbox/orders.csv`'),
    content: uploadFields().content,
    encoding: encodingField('"text" writes content as UTF-8; "base64" decodes it to bytes first.'),
    overwrite: Type.Boolean({
      default: true,
      description: 'Replace an existing file; when false an existing file fails the step as a conflict',
    }),
    createFolders: Type.Boolean({ default: true, description: 'Create the folders of the path that do not exist yet' }),
  }),
  output: Type.Object({
    path: Type.String({ description: 'Path written' }),
    size: Type.Integer({ minimum: 0, description: 'Size of the file on the server, in bytes' }),
  }),
  examples: [
    {
      input: {
        path: '/inbox/orders.csv',
        content: 'id,total\n7,42.50\n',
        encoding: 'text',
        overwrite: false,
        createFolders: true,
      },
      output: { path: '/inbox/orders.csv', size: 17 },
    },
  ],
  async run({ input, auth, ctx }) {
    const body = bytesOf(input.content, input.encoding, ctx.actionKey);
    const size = await withFtp(auth, ctx, async (ftp) => {
      if (!input.overwrite && (await findEntry(ftp, input.path))) {
        throw new ConnectorError(
          `${input.path} already exists`,
          { kind: 'conflict', actionKey: ctx.actionKey },
          'Set overwrite to true to replace it, or choose another path.',
        );
      }
      if (input.createFolders) {
        const start = await ftp.pwd();
        // ensureDir walks into the folder it creates; go back so relative paths keep their meaning.
        await ftp.ensureDir(parentOf(input.path));
        await ftp.cd(start);
      }
      await ftp.uploadFrom(Readable.from([body]), input.path);
      return ftp.size(input.path).catch(() => body.length);
    });
    return { path: input.path, size };
  },
});
