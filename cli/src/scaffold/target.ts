import { readdir } from 'node:fs/promises';
import { displayPath } from '../paths.js';
import { UserError } from '../user-error.js';

/** Refuses a folder that already holds files: a scaffold never overwrites anyone's work. */
export async function checkTargetEmpty(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') {
      throw new UserError(`${displayPath(dir)} is a file, not a folder`, 'Pass another --dir.');
    }
    throw error;
  });
  if (entries.length > 0) {
    throw new UserError(
      `${displayPath(dir)} is not empty: it holds ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', ...' : ''}`,
      'Pass an empty or new folder with --dir <path>, or another name.',
    );
  }
}
