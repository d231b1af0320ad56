import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyLockfile, formatLockfile } from '@mova/runtime/lockfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssuesError } from '../user-error.js';
import { projectLockfile } from './project-lockfile.js';

describe('projectLockfile', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-project-lockfile-'));
    await mkdir(join(root, 'project', 'flows', 'nested'), { recursive: true });
    await mkdir(join(root, 'broken'));
    await writeFile(join(root, 'project', 'mova.lock.json'), formatLockfile(emptyLockfile()));
    await writeFile(join(root, 'broken', 'mova.lock.json'), '{"lockfileVersion": 1, "connectors": [], "x": 1}');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('finds the nearest lockfile at or above the workflow', async () => {
    const found = await projectLockfile(join(root, 'project', 'flows', 'nested', 'hello.json'));
    expect(found).toEqual({ path: join(root, 'project', 'mova.lock.json'), lockfile: emptyLockfile() });
  });

  it('is undefined when no folder above holds one', async () => {
    expect(await projectLockfile(join(tmpdir(), 'no-such-folder-for-mova', 'x.json'))).toBeUndefined();
  });

  it('reports a broken lockfile located, one line per problem', async () => {
    const error = await projectLockfile(join(root, 'broken', 'x.json')).catch((e) => e);
    expect(error).toBeInstanceOf(IssuesError);
    expect(error.issues).toEqual([
      expect.objectContaining({
        file: join(root, 'broken', 'mova.lock.json'),
        pointer: '/x',
        message: 'is not a lockfile field',
      }),
      expect.objectContaining({ pointer: '/connectors', message: 'must be an object of package names' }),
    ]);
  });
});
