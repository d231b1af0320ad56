/**
 * `@mova/sdk/file-transfer`: the file-transfer kit for file servers (FTP, SFTP …). Paths and name
 * patterns, the list/info/download/upload/delete/move/folder fields every server shares, a listing
 * that filters and sorts the same way everywhere, and the failures those actions raise. Each
 * connector brings its client and its entry schema (what its server tells about a file).
 */
export { deleteFileAction, fileInfoAction, listFilesAction, uploadFileAction } from './actions.js';
export { existingPath, folderNotFile, missingPath, notAFolder } from './errors.js';
export { type ListedEntry, type ListOptions, listing } from './listing.js';
export { childPath, FILES, globToRegExp, nameOf, parentOf } from './paths.js';
export {
  createdFolderFields,
  deletedFileFields,
  deleteFileFields,
  deleteFolderFields,
  downloadedFileFields,
  downloadFileFields,
  fileInfoFields,
  listedFields,
  listFields,
  movedFields,
  moveFields,
  pathField,
  patternField,
  uploadedFileFields,
  uploadFileFields,
} from './schemas.js';
