import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { create } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import { defaultRange, isDistTag, type Packument, parsePackument, pickVersion, sha512Of } from './packument.js';
import { readConnectorTarball, sha512Integrity } from './tarball.js';

/** Packs `files` (path → content, or a symlink target) under `package/`, gzipped, as npm pack does. */
async function pack(root: string, name: string, files: Record<string, string | { link: string }>): Promise<Buffer> {
  const dir = join(root, name);
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, 'package', path);
    await mkdir(join(full, '..'), { recursive: true });
    if (typeof content === 'string') await writeFile(full, content);
    else await symlink(content.link, full);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of create({ gzip: true, cwd: dir, portable: true }, ['package']))
    chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('readConnectorTarball', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => dir.remove());

  it('reads the manifest and bundle, and nothing else', async () => {
    const bytes = await pack(dir.path, 'ok', {
      'mova.manifest.json': '{"a":1}',
      'dist/connector.mjs': 'export default {};',
      'README.md': 'hi',
      'node_modules/x/mova.manifest.json': '{}',
    });
    const files = await readConnectorTarball(bytes, 'x@1.0.0');
    expect(files.manifestBytes.toString()).toBe('{"a":1}');
    expect(files.bundleBytes.toString()).toBe('export default {};');
  });

  it('says what is missing', async () => {
    const noManifest = await pack(dir.path, 'no-manifest', { 'dist/connector.mjs': 'x' });
    await expect(readConnectorTarball(noManifest, 'x@1.0.0')).rejects.toThrow(
      'x@1.0.0 is not a MOVA connector: its tarball has no mova.manifest.json',
    );
    const noBundle = await pack(dir.path, 'no-bundle', { 'mova.manifest.json': '{}' });
    await expect(readConnectorTarball(noBundle, 'x@1.0.0')).rejects.toThrow(
      'x@1.0.0 has no dist/connector.mjs in its tarball',
    );
  });

  it('refuses a bundle that is a link, which could point anywhere', async () => {
    const linked = await pack(dir.path, 'linked', {
      'mova.manifest.json': '{}',
      'dist/connector.mjs': { link: '/etc/passwd' },
    });
    await expect(readConnectorTarball(linked, 'x@1.0.0')).rejects.toThrow(
      'the tarball of x@1.0.0 holds dist/connector.mjs as a SymbolicLink, not a plain file',
    );
  });

  it('refuses bytes that are no tarball', async () => {
    await expect(readConnectorTarball(Buffer.from('not a tarball at all'), 'x@1.0.0')).rejects.toThrow(
      /^the tarball of x@1\.0\.0 is damaged: /,
    );
  });

  it('computes the npm integrity', () => {
    // sha512 of the empty string, as `npm pack` would report it for an empty file.
    expect(sha512Integrity(Buffer.alloc(0))).toBe(
      'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==',
    );
  });
});

describe('packument', () => {
  const doc = (versions: Record<string, { deprecated?: string; integrity?: string }>, latest?: string) => ({
    name: 'p',
    'dist-tags': latest ? { latest } : {},
    versions: Object.fromEntries(
      Object.entries(versions).map(([v, meta]) => [
        v,
        {
          version: v,
          deprecated: meta.deprecated,
          dist: { tarball: `http://r/p-${v}.tgz`, integrity: meta.integrity ?? `sha512-${v} sha1-x` },
        },
      ]),
    ),
  });
  const parse = (d: unknown): Packument => parsePackument(d, 'p', 'http://r/');

  it('keeps the sha512 digest and skips versions nothing could install', () => {
    const packument = parse({
      ...doc({ '1.0.0': { integrity: 'sha1-abc sha512-xyz' } }),
      versions: { ...doc({ '1.0.0': { integrity: 'sha1-abc sha512-xyz' } }).versions, 'not-semver': {}, '2.0.0': {} },
    });
    expect(Object.values(packument.versions)).toEqual([
      { version: '1.0.0', dist: { tarball: 'http://r/p-1.0.0.tgz', integrity: 'sha1-abc sha512-xyz' } },
    ]);
    expect(Object.values(packument.versions).map(sha512Of)).toEqual(['sha512-xyz']);
    expect(() => parse({ error: 'x' })).toThrow('http://r/ answered for p with no "versions"');
  });

  it('picks the highest version in range, avoiding deprecated ones while others fit', () => {
    const packument = parse(doc({ '1.0.0': {}, '1.1.0': {}, '1.2.0': { deprecated: 'broken' }, '2.0.0': {} }, '2.0.0'));
    expect(pickVersion(packument, '^1')?.version).toBe('1.1.0');
    expect(pickVersion(packument, '1.2.0')?.version).toBe('1.2.0');
    expect(pickVersion(packument, '^3')).toBeUndefined();
  });

  it('picks as npm does: `latest` wins inside the range, tags and pre-releases only when asked for', () => {
    const packument = parse({
      ...doc({ '1.0.0': {}, '1.1.0': {}, '1.2.0': {}, '2.0.0-beta.1': {}, '0.1.1': {} }, '1.1.0'),
      'dist-tags': { latest: '1.1.0', next: '2.0.0-beta.1', 'latest-0': '0.1.1' },
    });
    // 1.2.0 was published under another tag: `latest` (1.1.0) satisfies ^1, so it wins.
    expect(pickVersion(packument, '^1')?.version).toBe('1.1.0');
    expect(pickVersion(packument, '^1.2')?.version).toBe('1.2.0');
    expect(pickVersion(packument, '*')?.version).toBe('1.1.0');
    expect(pickVersion(packument, '^2')).toBeUndefined();
    expect(pickVersion(packument, 'next')?.version).toBe('2.0.0-beta.1');
    expect(pickVersion(packument, '^2.0.0-beta.0')?.version).toBe('2.0.0-beta.1');
    expect(pickVersion(packument, '^0.1')?.version).toBe('0.1.1');
    expect(pickVersion(packument, 'nope')).toBeUndefined();
    expect(isDistTag(packument, 'next')).toBe(true);
    expect(isDistTag(packument, '^1')).toBe(false);
    expect(pickVersion(parse(doc({})), '^1')).toBeUndefined();
  });

  it('defaults to the major of the latest version, or its minor below 1.0', () => {
    expect(defaultRange(parse(doc({ '1.0.0': {}, '2.3.1': {} }, '2.3.1')))).toBe('^2');
    expect(defaultRange(parse(doc({ '0.3.1': {} })))).toBe('^0.3');
    expect(defaultRange(parse(doc({})))).toBeUndefined();
  });
});
