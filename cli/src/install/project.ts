import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConnectorStore } from '@mova/runtime';
import { emptyLockfile, LOCKFILE_NAME, type Lockfile, readLockfile } from '@mova/runtime/lockfile';
import { displayPath } from '../paths.js';
import { UserError } from '../user-error.js';

/** A workflow project: its folder, its lockfile (read or new) and the connector store installs go into. */
export interface WorkflowProject {
  dir: string;
  lockPath: string;
  lock: Lockfile;
  /** False when the project has no mova.lock.json yet. */
  locked: boolean;
  store: ConnectorStore;
}

/**
 * Opens the project in `dir`. The connector store is the one `run` reads (`<data dir>/connectors`),
 * so what `install` stores runs without another download.
 */
export async function openProject(dir: string, dataDir: string): Promise<WorkflowProject> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UserError(
      `${displayPath(root)} is not a folder`,
      'Pass the workflow project folder with --dir, or run the command inside it.',
    );
  }
  const lockPath = join(root, LOCKFILE_NAME);
  const lock = await readLockfile(lockPath);
  return {
    dir: root,
    lockPath,
    lock: lock ?? emptyLockfile(),
    locked: lock !== undefined,
    store: new ConnectorStore(join(dataDir, 'connectors')),
  };
}
