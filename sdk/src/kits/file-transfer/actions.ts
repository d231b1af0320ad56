import { type Static, type TProperties, type TSchema, Type } from '@sinclair/typebox';
import {
  deletedFileFields,
  deleteFileFields,
  fileInfoFields,
  listedFields,
  listFields,
  pathField,
  uploadedFileFields,
  uploadFileFields,
} from './schemas.js';

/**
 * The file actions every file server describes alike, all but auth and run: key, title, schemas
 * and examples. The connector gives its description where the protocol shows (DELE, MDTM), its
 * entry schema and an example entry of `/outbox/orders.csv` as its server reports it.
 * @example
 * defineAction({ auth, ...fileInfoAction('Says whether …', FileEntry, exampleEntry), run: … })
 */

/** `files.list` on the `server` (FTP, SFTP …); its example lists `/outbox` with `example` in it. */
export function listFilesAction<E extends TSchema>(
  server: string,
  pathDescription: string,
  entry: E,
  example: Static<E>,
) {
  return {
    key: 'files.list',
    title: 'List a folder',
    description: `Lists the files and folders in a folder on the ${server} server, optionally only files or folders and names matching a pattern.`,
    input: Type.Object(listFields(pathDescription)),
    output: Type.Object(listedFields(entry)),
    examples: [
      {
        input: { path: '/outbox', pattern: '*.csv', type: 'file' as const, limit: 1000 },
        output: { path: '/outbox', entries: [example], count: 1, truncated: false },
      },
    ],
  };
}

/** `files.info`; its examples find `example` at its path, and nothing at `/outbox/none.csv`. */
export function fileInfoAction<E extends TSchema>(
  description: string,
  entry: E,
  example: Static<E> & { path: string },
) {
  return {
    key: 'files.info',
    title: 'Get file info',
    description,
    input: Type.Object({ path: pathField('Path of the file or folder') }),
    output: Type.Object(fileInfoFields(entry)),
    examples: [
      {
        input: { path: example.path },
        output: { path: example.path, exists: true, entry: example },
      },
      {
        title: 'Nothing there',
        input: { path: '/outbox/none.csv' },
        output: { path: '/outbox/none.csv', exists: false },
      },
    ],
  };
}

/** `files.delete`, with `ignoreMissing`. */
export function deleteFileAction(description: string) {
  return {
    key: 'files.delete',
    title: 'Delete a file',
    description,
    input: Type.Object(deleteFileFields()),
    output: Type.Object(deletedFileFields()),
    examples: [
      {
        input: { path: '/inbox/orders.csv', ignoreMissing: false },
        output: { path: '/inbox/orders.csv', deleted: true },
      },
    ],
  };
}

/**
 * `files.upload`; `extra` adds what the server tells of the written file besides its size, and
 * `exampleExtra` its value in the example (which writes a small CSV to `/inbox/orders.csv`).
 */
export function uploadFileAction<X extends TProperties, E extends object>(
  description: string,
  extra: X,
  exampleExtra: E,
) {
  return {
    key: 'files.upload',
    title: 'Upload a file',
    description,
    input: Type.Object(uploadFileFields()),
    output: Type.Object({ ...uploadedFileFields(), ...extra }),
    examples: [
      {
        input: {
          path: '/inbox/orders.csv',
          content: 'id,total\n7,42.50\n',
          encoding: 'text' as const,
          overwrite: false,
          createFolders: true,
        },
        output: { path: '/inbox/orders.csv', size: 17, ...exampleExtra },
      },
    ],
  };
}
