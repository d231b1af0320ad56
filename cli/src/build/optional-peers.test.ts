import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionalPeers } from './optional-peers.js';

/** A package `lib` whose code requires `native-addon` (an optional peer) and `needed` (a dependency). */
async function fixture(dir: string, requires: string) {
  const lib = join(dir, 'node_modules', 'lib');
  await mkdir(lib, { recursive: true });
  await writeFile(
    join(lib, 'package.json'),
    JSON.stringify({
      name: 'lib',
      main: 'index.js',
      peerDependencies: { 'native-addon': '*' },
      peerDependenciesMeta: { 'native-addon': { optional: true } },
      dependencies: { needed: '*' },
    }),
  );
  await writeFile(join(lib, 'index.js'), `exports.load = () => require('${requires}');`);
  await writeFile(join(dir, 'entry.js'), "import { load } from 'lib'; export { load };");
}

const bundle = (dir: string) =>
  build({
    absWorkingDir: dir,
    entryPoints: ['entry.js'],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    plugins: [optionalPeers()],
  });

describe('optionalPeers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mova-peers-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves a missing optional peer as a runtime require', async () => {
    await fixture(join(dir, 'optional'), 'native-addon');
    const result = await bundle(join(dir, 'optional'));
    expect(result.outputFiles[0]?.text).toContain('native-addon');
  });

  it('still fails on a missing dependency that is not optional', async () => {
    await fixture(join(dir, 'required'), 'needed');
    await expect(bundle(join(dir, 'required'))).rejects.toThrow(/Could not resolve "needed"/);
  });
});
