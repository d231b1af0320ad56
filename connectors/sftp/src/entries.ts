import { type Static, Type } from '@mova/sdk';
import { childPath } from '@mova/sdk/file-transfer';
import type { Attributes } from 'ssh2';

export const FileEntry = Type.Object({
  name: Type.String({ description: 'File or folder name' }),
  path: Type.String({ description: 'Full path on the server' }),
  type: Type.Union([Type.Literal('file'), Type.Literal('directory'), Type.Literal('symlink'), Type.Literal('other')], {
    description: 'What the entry is',
  }),
  size: Type.Integer({ minimum: 0, description: 'Size in bytes' }),
  modifiedAt: Type.String({ format: 'date-time', description: 'Last modification time (SFTP keeps whole seconds)' }),
  accessedAt: Type.Optional(
    Type.String({ format: 'date-time', description: 'Last access time, when the server says' }),
  ),
  permissions: Type.Optional(
    Type.String({ pattern: '^[0-7]{4}$', description: 'Permission bits in octal, e.g. `0644`' }),
  ),
  uid: Type.Optional(Type.Integer({ description: 'Owner user id' })),
  gid: Type.Optional(Type.Integer({ description: 'Owner group id' })),
});

export type FileEntry = Static<typeof FileEntry>;

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

/** An entry from the raw SFTP attributes: the type comes from the mode bits, not from the `ls -l` text. */
export function entryOf(folder: string, name: string, attrs: Attributes): FileEntry {
  const format = attrs.mode & S_IFMT;
  const entry: FileEntry = {
    name,
    path: childPath(folder, name),
    type: format === S_IFDIR ? 'directory' : format === S_IFREG ? 'file' : format === S_IFLNK ? 'symlink' : 'other',
    size: attrs.size ?? 0,
    modifiedAt: new Date((attrs.mtime ?? 0) * 1000).toISOString(),
  };
  if (attrs.atime) entry.accessedAt = new Date(attrs.atime * 1000).toISOString();
  if (attrs.mode !== undefined) entry.permissions = (attrs.mode & 0o7777).toString(8).padStart(4, '0');
  if (attrs.uid !== undefined) entry.uid = attrs.uid;
  if (attrs.gid !== undefined) entry.gid = attrs.gid;
  return entry;
}
