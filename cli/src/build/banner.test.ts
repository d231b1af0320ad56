import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BANNER } from './banner.js';

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
    });
    const { where } = await import(pathToFileURL(out).href);
    expect(where).toEqual({ dir: join(dir, 'dist'), file: out, sep: '/' });
  });
});
