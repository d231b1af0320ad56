import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProject } from '../project.js';
import { staleReason } from './freshness.js';

describe('staleReason', () => {
  let dir: string;
  const at = (file: string, seconds: number) => utimes(join(dir, file), seconds, seconds);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mova-fresh-'));
    await mkdir(join(dir, 'src', 'actions'), { recursive: true });
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'package.json'), '{"name":"connector-x","version":"1.0.0"}');
    await writeFile(join(dir, 'src', 'index.ts'), '');
    await writeFile(join(dir, 'src', 'actions', 'ping.ts'), '');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says the manifest is missing, then the bundle', async () => {
    const project = await readProject(dir);
    expect(await staleReason(project)).toBe('mova.manifest.json is missing');
    await writeFile(project.manifest, '{}');
    expect(await staleReason(project)).toBe('the bundle is missing');
  });

  it('is fresh when the manifest is newer than every source, stale when a nested file is newer', async () => {
    const project = await readProject(dir);
    await writeFile(project.bundle, '');
    for (const file of ['package.json', 'src', 'src/index.ts', 'src/actions', 'src/actions/ping.ts']) {
      await at(file, 1_000);
    }
    await at('mova.manifest.json', 2_000);
    expect(await staleReason(project)).toBeUndefined();
    await at('src/actions/ping.ts', 3_000);
    expect(await staleReason(project)).toBe('the source changed since the last build');
    await at('src/actions/ping.ts', 1_000);
    await at('package.json', 3_000);
    expect(await staleReason(project)).toBe('the source changed since the last build');
  });
});
