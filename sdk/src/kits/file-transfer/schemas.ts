import { type TSchema, Type } from '@sinclair/typebox';
import { downloadedFields, downloadFields, encodingField, uploadFields } from '../content/schemas.js';

/** A path on the server: not empty, no NUL, at most 4096 characters. */
export const pathField = (description: string) =>
  Type.String({ minLength: 1, maxLength: 4096, pattern: '^[^\\x00]+$', description });

/** An optional shell-style name pattern field. */
export const patternField = (
  description = 'Only names matching this pattern: `*` any characters, `?` one, `[abc]` one of',
) => Type.Optional(Type.String({ minLength: 1, description }));

/** `files.list` input: `path`, `pattern`, `type`, `limit`. Spread them into `Type.Object`. */
export function listFields(pathDescription: string) {
  return {
    path: pathField(pathDescription),
    pattern: patternField(),
    type: Type.Union([Type.Literal('any'), Type.Literal('file'), Type.Literal('directory')], {
      default: 'any',
      description: 'Only files, only folders, or both',
    }),
    limit: Type.Integer({
      minimum: 1,
      maximum: 100000,
      default: 1000,
      description: 'Most entries to return (sorted by name)',
    }),
  };
}

/** `files.list` output (what `listing` gives) for this server's entry schema. */
export function listedFields<E extends TSchema>(entry: E) {
  return {
    path: Type.String({ description: 'Folder listed' }),
    entries: Type.Array(entry, { description: 'Entries sorted by name (`.` and `..` left out)' }),
    count: Type.Integer({ minimum: 0, description: 'How many entries are listed' }),
    truncated: Type.Boolean({ description: 'True when more entries matched than `limit`' }),
  };
}

/** `files.info` output: whether something is at `path`, and its entry. */
export function fileInfoFields<E extends TSchema>(entry: E) {
  return {
    path: Type.String({ description: 'Path asked about' }),
    exists: Type.Boolean({ description: 'Whether anything is there' }),
    entry: Type.Optional(entry),
  };
}

/** `files.download` input: `path`, `encoding`, `maxBytes`. */
export function downloadFileFields() {
  return { path: pathField('Path of the file to read'), ...downloadFields('file') };
}

/** `files.download` output: `path`, `content`, `encoding`, `size`. */
export function downloadedFileFields() {
  return {
    path: Type.String({ description: 'Path read' }),
    ...downloadedFields('file'),
    size: Type.Integer({ minimum: 0, description: 'Size in bytes' }),
  };
}

/** `files.upload` input: `path`, `content`, `encoding`, `overwrite`, `createFolders`. */
export function uploadFileFields() {
  return {
    path: pathField('Path of the file to write, e.g. `/inbox/orders.csv`'),
    content: uploadFields().content,
    encoding: encodingField('"text" writes content as UTF-8; "base64" decodes it to bytes first.'),
    overwrite: Type.Boolean({
      default: true,
      description: 'Replace an existing file; when false an existing file fails the step as a conflict',
    }),
    createFolders: Type.Boolean({ default: true, description: 'Create the folders of the path that do not exist yet' }),
  };
}

/** `files.upload` output: `path`, `size`. */
export function uploadedFileFields() {
  return {
    path: Type.String({ description: 'Path written' }),
    size: Type.Integer({ minimum: 0, description: 'Size of the file on the server, in bytes' }),
  };
}

/** `files.delete` input: `path`, `ignoreMissing`. */
export function deleteFileFields() {
  return {
    path: pathField('Path of the file to delete'),
    ignoreMissing: Type.Boolean({
      default: false,
      description: 'Complete (with deleted: false) when the file does not exist',
    }),
  };
}

/** `files.delete` output: `path`, `deleted`. */
export function deletedFileFields() {
  return {
    path: Type.String({ description: 'Path deleted' }),
    deleted: Type.Boolean({ description: 'False when there was no file to delete' }),
  };
}

/** `files.rename`/`files.move` input: `from`, `to`, `overwrite` (described for this server), `createFolders`. */
export function moveFields(overwriteDescription: string) {
  return {
    from: pathField('Current path'),
    to: pathField('New path'),
    overwrite: Type.Boolean({ default: false, description: overwriteDescription }),
    createFolders: Type.Boolean({
      default: false,
      description: 'Create the folders of the new path that do not exist yet',
    }),
  };
}

/** `files.rename`/`files.move` output: `from`, `to`, `replaced`. */
export function movedFields() {
  return {
    from: Type.String({ description: 'Old path' }),
    to: Type.String({ description: 'New path' }),
    replaced: Type.Boolean({ description: 'True when a file at the new path was replaced' }),
  };
}

/** `folders.create` output: `path`, `created`. */
export function createdFolderFields() {
  return {
    path: Type.String({ description: 'Folder path' }),
    created: Type.Boolean({ description: 'False when the folder existed already' }),
  };
}

/** `folders.delete` input: `path`, `recursive`. */
export function deleteFolderFields() {
  return {
    path: pathField('Path of the folder to delete'),
    recursive: Type.Boolean({ default: false, description: 'Delete what the folder holds too' }),
  };
}
