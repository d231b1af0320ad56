import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDir } from './make-dir.js';

describe('makeDir', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-make-dir-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('makes every missing folder, and is fine with one that exists', async () => {
    await makeDir(join(root, 'a', 'b', 'c'));
    await makeDir(join(root, 'a', 'b', 'c'));
    expect((await stat(join(root, 'a', 'b', 'c'))).isDirectory()).toBe(true);
  });

  it('fails on a file in the way', async () => {
    await writeFile(join(root, 'file'), '');
    await expect(makeDir(join(root, 'file', 'x'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.runIf(process.platform === 'linux')(
    'fails at once under /proc, where recursive mkdir loops for ever',
    async () => {
      await expect(makeDir('/proc/mova-x/runs')).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );
});
