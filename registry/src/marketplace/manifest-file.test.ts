import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { create } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifestFile } from './manifest-file.js';

describe('readManifestFile', () => {
  let dir: string;

  /** Packs files under `package/`, as npm pack does, into a .tgz and opens it. */
  async function tarball(label: string, files: Record<string, string>, gzip = true) {
    const root = join(dir, label);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(root, 'package', path, '..'), { recursive: true });
      await writeFile(join(root, 'package', path), text);
    }
    const file = join(dir, `${label}.tgz`);
    await create({ gzip, cwd: root, file }, ['package']);
    return createReadStream(file);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mova-manifest-file-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the manifest at the package root, gzipped or not', async () => {
    const files = {
      'package.json': '{"name":"x","version":"1.0.0"}',
      'mova.manifest.json': '{"name":"x","actions":[]}',
      'dist/mova.manifest.json': '{"name":"nested, not the one"}',
    };
    const expected = {
      kind: 'found',
      manifest: { name: 'x', actions: [] },
      files: { readme: false, testFiles: false },
    };
    expect(await readManifestFile(await tarball('found', files))).toEqual(expected);
    expect(await readManifestFile(await tarball('plain', files, false))).toEqual(expected);
  });

  it('notes a README at the root and test files, but not those of bundled dependencies', async () => {
    const manifest = { 'mova.manifest.json': '{}' };
    const read = async (label: string, files: Record<string, string>) => {
      const file = await readManifestFile(await tarball(label, { ...manifest, ...files }));
      return file.kind === 'found' ? file.files : undefined;
    };
    expect(await read('readme', { 'README.md': '# x', 'test/echo.test.js': '' })).toEqual({
      readme: true,
      testFiles: true,
    });
    expect(await read('spec-dir', { 'spec/helpers.mjs': '', 'docs/README.md': '' })).toEqual({
      readme: false,
      testFiles: true,
    });
    expect(
      await read('bundled', {
        'node_modules/dep/README.md': '',
        'node_modules/dep/test/a.test.js': '',
        'test.json': '',
      }),
    ).toEqual({ readme: false, testFiles: false });
  });

  it('says when there is none', async () => {
    const stream = await tarball('missing', { 'package.json': '{}', 'dist/mova.manifest.json': '{}' });
    expect(await readManifestFile(stream)).toEqual({ kind: 'missing' });
  });

  it('reports a manifest that is not JSON', async () => {
    const stream = await tarball('broken', { 'mova.manifest.json': '{"name": ' });
    expect(await readManifestFile(stream)).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringContaining('mova.manifest.json is not valid JSON'),
    });
  });

  it('reports bytes that are no tarball, and a cut-off one', async () => {
    expect(await readManifestFile(Readable.from([Buffer.from('no tar here '.repeat(64))]))).toEqual({
      kind: 'unreadable',
      reason: 'the tarball is damaged: Unrecognized archive format',
    });
    const gzipHeaderOnly = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    expect(await readManifestFile(Readable.from([gzipHeaderOnly]))).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringContaining('the tarball is damaged'),
    });
  });

  it('reports a stream that fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk went away'));
      },
    });
    expect(await readManifestFile(failing)).toEqual({
      kind: 'unreadable',
      reason: 'the tarball could not be read: disk went away',
    });
  });
});
