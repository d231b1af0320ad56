import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifestFromTarball } from './tarball-manifest.js';

async function tarball(root: string, files: Record<string, string>): Promise<Buffer> {
  const dir = await mkdtemp(join(root, 'pkg-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, 'package', path, '..'), { recursive: true });
    await writeFile(join(dir, 'package', path), text);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of create({ gzip: true, cwd: dir, portable: true }, ['package'])) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('readManifestFromTarball', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-tarball-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads package/mova.manifest.json and nothing nested deeper', async () => {
    const bytes = await tarball(root, {
      'mova.manifest.json': '{"name":"github"}',
      'dist/mova.manifest.json': '{"name":"decoy"}',
      'package.json': '{}',
    });
    expect(await readManifestFromTarball(bytes, 'x@1.0.0')).toEqual({ name: 'github' });
  });

  it('is undefined for a package without a manifest', async () => {
    expect(await readManifestFromTarball(await tarball(root, { 'package.json': '{}' }), 'x@1.0.0')).toBeUndefined();
  });

  it('explains a manifest that is not JSON and bytes that are no tarball', async () => {
    const broken = await tarball(root, { 'mova.manifest.json': '{ nope' });
    await expect(readManifestFromTarball(broken, 'x@1.0.0')).rejects.toThrow(
      'the mova.manifest.json of x@1.0.0 is not JSON',
    );
    await expect(readManifestFromTarball(Buffer.from('not a tarball at all'.repeat(40)), 'x@1.0.0')).rejects.toThrow(
      'the tarball of x@1.0.0 is damaged',
    );
  });

  it('settles on a tarball cut short, and on bytes that are no tarball', async () => {
    const bytes = await tarball(root, { 'mova.manifest.json': '{"name":"github"}', 'index.js': 'x'.repeat(20_000) });
    await expect(readManifestFromTarball(bytes.subarray(0, bytes.length >> 1), 'cut@1.0.0')).rejects.toThrow(
      /^the tarball of cut@1\.0\.0 is damaged/,
    );
    await expect(readManifestFromTarball(Buffer.from('not a tarball'), 'junk@1.0.0')).rejects.toThrow(/is damaged/);
  });
});
