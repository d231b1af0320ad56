import type { drive_v3 } from '@googleapis/drive';
import { type Static, Type } from '@mova/sdk';

/** The file fields every action asks Drive for (a fields mask keeps answers small). */
export const FILE_FIELDS =
  'id,name,mimeType,size,parents,createdTime,modifiedTime,webViewLink,webContentLink,md5Checksum,trashed,driveId,description';

export const FOLDER_MIME_TYPE = 'application/vnd.google-apps.folder';

export const fileIdField = (description = 'Id of the file (from its URL, or files.list)') =>
  Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_-]+$', description });

export const fileSchema = Type.Object({
  id: Type.String({ description: 'File id' }),
  name: Type.String({ description: 'File name' }),
  mimeType: Type.String({
    description: 'MIME type; Google Docs, Sheets and folders have application/vnd.google-apps.* types',
  }),
  size: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Bytes of content (absent for Google Docs and folders)' }),
  ),
  parents: Type.Array(Type.String(), { description: 'Ids of the folders holding the file' }),
  createdTime: Type.Optional(Type.String({ format: 'date-time', description: 'When the file was created' })),
  modifiedTime: Type.Optional(Type.String({ format: 'date-time', description: 'When the file last changed' })),
  webViewLink: Type.Optional(Type.String({ description: 'Link to open the file in a browser' })),
  md5Checksum: Type.Optional(Type.String({ description: 'MD5 of the content, hex (binary files only)' })),
  trashed: Type.Boolean({ description: 'Whether the file is in the trash' }),
  driveId: Type.Optional(Type.String({ description: 'Shared drive holding the file, when it is in one' })),
});

export type FileSummary = Static<typeof fileSchema>;

/** The fields actions report, from a Drive File resource. */
export function summarize(file: drive_v3.Schema$File): FileSummary {
  return {
    id: file.id ?? '',
    name: file.name ?? '',
    mimeType: file.mimeType ?? 'application/octet-stream',
    ...(file.size ? { size: Number(file.size) } : {}),
    parents: file.parents ?? [],
    ...(file.createdTime ? { createdTime: file.createdTime } : {}),
    ...(file.modifiedTime ? { modifiedTime: file.modifiedTime } : {}),
    ...(file.webViewLink ? { webViewLink: file.webViewLink } : {}),
    ...(file.md5Checksum ? { md5Checksum: file.md5Checksum } : {}),
    trashed: file.trashed ?? false,
    ...(file.driveId ? { driveId: file.driveId } : {}),
  };
}

/** A value inside a Drive query string: single quotes and backslashes escaped ("Search for files"). */
export function quoted(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
