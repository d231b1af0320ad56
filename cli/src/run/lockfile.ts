import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LOCKFILE_NAME } from '@mova/runtime';

/**
 * The `mova.lock.json` of the project a workflow belongs to (what `mova-connector install`
 * writes): in the workflow's folder or the nearest folder above it that holds one. With it, every
 * `uses` runs exactly the version it locks and nothing is resolved again.
 */
export async function findLockfile(workflowFile: string): Promise<string | undefined> {
  for (let dir = dirname(workflowFile); ; dir = dirname(dir)) {
    const candidate = join(dir, LOCKFILE_NAME);
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
