import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../src/index.js';
import { addUser, publishedBody, removeDir, startTestRegistry, tempDir } from './support/registry.js';

const NAME = '@halted/pkg';

// A registry killed with -9 mid-publish leaves one of these in Verdaccio's storage (seen in a kill
// loop: an orphan tarball served with 200, a version answering 409 forever, a lock that stalls every
// publish for minutes). The states are laid down as such a kill leaves them, then the registry restarts.
describe('a restart puts right what a publish killed half way left in storage', () => {
  let dir: string;
  let data: string;
  let registry: Registry;
  let token: string;
  const folder = () => join(data, 'storage', '@halted', 'pkg');
  const put = async (body: unknown) =>
    (
      await fetch(new URL(NAME.replace('/', '%2f'), registry.url), {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      })
    ).status;

  beforeAll(async () => {
    dir = await tempDir('repair');
    data = join(dir, 'data');
    registry = await startTestRegistry(data);
    token = await addUser(registry, 'halted');
    for (const version of ['1.0.0', '1.0.1']) {
      expect(await put((await publishedBody(dir, registry.url, NAME, version, 'x')).body)).toBe(201);
    }
    await registry.close();
    // 1.0.1's metadata landed, its tarball did not; 2.0.0's tarball landed, its metadata did not.
    await rm(join(folder(), 'pkg-1.0.1.tgz'));
    await writeFile(join(folder(), 'pkg-2.0.0.tgz'), 'orphan bytes');
    await writeFile(join(folder(), 'pkg-2.0.1.tgz.tmp-48151623'), 'half an upload');
    await writeFile(join(folder(), 'package.json.lock'), '');
    registry = await startTestRegistry(data);
  }, 60_000);
  afterAll(async () => {
    await registry?.close();
    await removeDir(dir);
  });

  it('reports what it put right', () => {
    expect(registry.repaired).toEqual([
      {
        package: NAME,
        droppedVersions: ['1.0.1'],
        removedFiles: expect.arrayContaining(['package.json.lock', 'pkg-2.0.1.tgz.tmp-48151623', 'pkg-2.0.0.tgz']),
      },
    ]);
  });

  it('serves no orphan tarball and lists only versions whose tarball is there', async () => {
    expect((await fetch(`${registry.url}${NAME}/-/pkg-2.0.0.tgz`)).status).toBe(404);
    const document = (await (await fetch(new URL(NAME.replace('/', '%2f'), registry.url))).json()) as {
      versions: Record<string, unknown>;
      'dist-tags': Record<string, string>;
    };
    expect(Object.keys(document.versions)).toEqual(['1.0.0']);
    expect(document['dist-tags'].latest).toBe('1.0.0');
  });

  it('publishes the dropped version again, and a new one, without waiting on a dead lock', async () => {
    expect(await put((await publishedBody(dir, registry.url, NAME, '1.0.1', 'again')).body)).toBe(201);
    expect(await put((await publishedBody(dir, registry.url, NAME, '2.0.0', 'new')).body)).toBe(201);
    const stored = JSON.parse(await readFile(join(folder(), 'package.json'), 'utf8')) as { versions: object };
    expect(Object.keys(stored.versions).sort()).toEqual(['1.0.0', '1.0.1', '2.0.0']);
  });

  it('refuses a second registry on the same data dir while this one runs', async () => {
    await expect(startTestRegistry(data)).rejects.toMatchObject({ code: 'E_REGISTRY_STORAGE_BUSY' });
  }, 30_000);

  it('refuses a file given as its data dir with a message, not a raw EEXIST', async () => {
    const file = join(dir, 'not-a-folder');
    await writeFile(file, '');
    await expect(startTestRegistry(file)).rejects.toMatchObject({
      code: 'E_REGISTRY_STORAGE',
      message: expect.stringContaining('a file is in the way'),
    });
    await expect(access(join(file, 'registry.lock'))).rejects.toThrow();
  });
});
