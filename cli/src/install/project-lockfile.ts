import { dirname, join, resolve } from 'node:path';
import { LOCKFILE_NAME, type Lockfile, readLockfile } from '@mova/runtime/lockfile';
import { asUserError } from './errors.js';

/**
 * The lockfile a workflow runs under: the nearest `mova.lock.json` in the workflow's folder or
 * above it, as npm finds package.json. Undefined when there is none (connectors then resolve from
 * the sources). A broken lockfile is an IssuesError with one located line per problem.
 * @example
 * const locked = await projectLockfile('flows/hello.json');
 * createRuntime({ ...(locked && { lockfile: locked.lockfile, registry }), sources, store });
 */
export async function projectLockfile(workflowFile: string): Promise<{ path: string; lockfile: Lockfile } | undefined> {
  for (let dir = dirname(resolve(workflowFile)); ; dir = dirname(dir)) {
    const path = join(dir, LOCKFILE_NAME);
    const lockfile = await readLockfile(path).catch((error: unknown) => {
      throw asUserError(error);
    });
    if (lockfile) return { path, lockfile };
    if (dirname(dir) === dir) return undefined;
  }
}
