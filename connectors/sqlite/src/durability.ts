import fs from 'node:fs';

/**
 * Durable writes where `fsync` is not allowed. Node's permission model, which the process sandbox
 * runs under, turns fsync and fdatasync off for the whole process ("fsync API is disabled when
 * Permission Model is enabled", Node 20), so SQLite's syncs would fail as disk I/O errors. There
 * the connector turns SQLite's syncs off (PRAGMA synchronous = OFF) and opens the database's files
 * with O_DSYNC instead: every write reaches the disk before it returns, in order, which is what
 * SQLite's syncs are there to guarantee (its journal safe before the database is overwritten).
 */

const dsyncFiles = new Set<string>();
let openSync: typeof fs.openSync | undefined;

/** Whether this process may fsync (probed once on `file`, which it may open). */
let fsyncAllowed: boolean | undefined;
export function canFsync(file: string): boolean {
  if (fsyncAllowed === undefined) {
    const fd = fs.openSync(file, 'r');
    try {
      fs.fsyncSync(fd);
      fsyncAllowed = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_ACCESS_DENIED') throw error;
      fsyncAllowed = false;
    } finally {
      fs.closeSync(fd);
    }
  }
  return fsyncAllowed;
}

/**
 * Makes every later open of `filename` and of its siblings (`-journal`) by SQLite write through to
 * the disk (O_DSYNC). Returns the undo, for when the database is closed.
 */
export function syncEveryWrite(filename: string): () => void {
  const original = openSync ?? fs.openSync;
  if (!openSync && fs.constants.O_DSYNC !== undefined) {
    openSync = original;
    const dsync = fs.constants.O_DSYNC;
    fs.openSync = ((path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode | null) =>
      typeof path === 'string' && typeof flags === 'number' && isDsyncFile(path)
        ? original(path, flags | dsync, mode)
        : Reflect.apply(original, fs, [path, flags, mode])) as typeof fs.openSync;
  }
  dsyncFiles.add(filename);
  return () => dsyncFiles.delete(filename);
}

function isDsyncFile(path: string): boolean {
  for (const file of dsyncFiles)
    if (path === file || (path.startsWith(file) && /^-\w+$/.test(path.slice(file.length)))) return true;
  return false;
}
