import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BANNER, BUNDLE_DEFINE } from './banner.js';

describe('BUNDLE_BANNER', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mova-banner-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives bundled CommonJS code require, __filename and __dirname at load time', async () => {
    const lib = join(dir, 'node_modules', 'lib');
    await mkdir(lib, { recursive: true });
    await writeFile(join(lib, 'package.json'), JSON.stringify({ name: 'lib', main: 'index.js' }));
    await writeFile(
      join(lib, 'index.js'),
      "const { sep } = require('node:path'); exports.where = { dir: __dirname, file: __filename, sep };",
    );
    await writeFile(join(dir, 'entry.js'), "import { where } from 'lib'; export { where };");
    const out = join(dir, 'dist', 'bundle.mjs');
    await build({
      absWorkingDir: dir,
      entryPoints: ['entry.js'],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      banner: { js: BUNDLE_BANNER },
      define: BUNDLE_DEFINE,
    });
    const { where } = await import(pathToFileURL(out).href);
    expect(where).toEqual({ dir: join(dir, 'dist'), file: out, sep: '/' });
  });

  it('leaves an ES module that declares its own __dirname alone (no clash with the banner)', async () => {
    const own = join(dir, 'node_modules', 'own');
    await mkdir(own, { recursive: true });
    await writeFile(join(own, 'package.json'), JSON.stringify({ name: 'own', type: 'module', main: 'index.js' }));
    await writeFile(
      join(own, 'index.js'),
      "import { dirname } from 'node:path'; import { fileURLToPath } from 'node:url'; const __dirname = dirname(fileURLToPath(import.meta.url)); export const mine = __dirname;",
    );
    await writeFile(join(dir, 'entry2.js'), "import { mine } from 'own'; export { mine };");
    const out = join(dir, 'dist', 'bundle2.mjs');
    await build({
      absWorkingDir: dir,
      entryPoints: ['entry2.js'],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      banner: { js: BUNDLE_BANNER },
      define: BUNDLE_DEFINE,
    });
    const { mine } = await import(pathToFileURL(out).href);
    expect(mine).toBe(join(dir, 'dist'));
  });
});
