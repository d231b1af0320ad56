import { posix } from 'node:path';
import { type Static, Type } from '@mova/sdk';
import { type FileInfo, FileType } from 'basic-ftp';

export const FileEntry = Type.Object({
  name: Type.String({ description: 'File or folder name' }),
  path: Type.String({ description: 'Full path on the server' }),
  type: Type.Union([Type.Literal('file'), Type.Literal('directory'), Type.Literal('symlink'), Type.Literal('other')], {
    description: 'What the entry is',
  }),
  size: Type.Integer({ minimum: 0, description: 'Size in bytes' }),
  modifiedAt: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'Last modification time, when the server lists it exactly (MLSD)',
    }),
  ),
  rawModifiedAt: Type.String({ description: 'Modification time as the server listed it, e.g. `Mar 04 18:00`' }),
  permissions: Type.Optional(
    Type.String({ pattern: '^[0-7]{3}$', description: 'Unix permission bits in octal, e.g. `644`' }),
  ),
  link: Type.Optional(Type.String({ description: 'Target of a symbolic link' })),
});

export type FileEntry = Static<typeof FileEntry>;

/** A CSV in `/outbox` as a Unix-style listing gives it (to the minute), for the examples. */
export const exampleEntry: FileEntry = {
  name: 'orders.csv',
  path: '/outbox/orders.csv',
  type: 'file',
  size: 48213,
  rawModifiedAt: 'Mar 04 18:00',
  permissions: '644',
};

const TYPES: Record<FileType, FileEntry['type']> = {
  [FileType.File]: 'file',
  [FileType.Directory]: 'directory',
  [FileType.SymbolicLink]: 'symlink',
  [FileType.Unknown]: 'other',
};

export function entryOf(folder: string, info: FileInfo): FileEntry {
  const entry: FileEntry = {
    name: info.name,
    path: posix.join(folder, info.name),
    type: TYPES[info.type],
    size: info.size,
    rawModifiedAt: info.rawModifiedAt,
  };
  if (info.modifiedAt) entry.modifiedAt = info.modifiedAt.toISOString();
  if (info.permissions)
    entry.permissions = `${info.permissions.user}${info.permissions.group}${info.permissions.world}`;
  if (info.link) entry.link = info.link;
  return entry;
}
