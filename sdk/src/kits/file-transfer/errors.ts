import { ConnectorError } from '../../errors.js';

/** A path that should exist does not (`not_found`). */
export function missingPath(path: string, actionKey: string): ConnectorError {
  return new ConnectorError(`${path} does not exist`, { kind: 'not_found', actionKey }, 'Check the path.');
}

/** A target that should not exist does, and overwriting was not asked for (`conflict`). */
export function existingPath(path: string, actionKey: string): ConnectorError {
  return new ConnectorError(
    `${path} already exists`,
    { kind: 'conflict', actionKey },
    'Set overwrite to true to replace it, or choose another path.',
  );
}

/** A folder where a file was expected (`invalid_input`). */
export function folderNotFile(path: string, actionKey: string): ConnectorError {
  return new ConnectorError(`${path} is a folder`, { kind: 'invalid_input', actionKey }, 'List it with files.list.');
}

/** A file (or other entry) where a folder is to be created (`conflict`). */
export function notAFolder(path: string, actionKey: string): ConnectorError {
  return new ConnectorError(`${path} exists and is not a folder`, { kind: 'conflict', actionKey });
}
