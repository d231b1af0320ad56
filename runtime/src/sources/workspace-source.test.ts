import { cp, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectorStore } from './connector-store.js';
import * as reading from './read-connector.js';
import { WorkspaceSource } from './workspace-source.js';

vi.mock('./read-connector.js', async (original) => {
  const actual = await original<typeof import('./read-connector.js')>();
  return { ...actual, readConnector: vi.fn(actual.readConnector) };
});

const ECHO = fileURLToPath(new URL('../../test/fixtures/connectors/echo-1.0.0', import.meta.url));
const NAME = '@mova/connector-echo';

describe('WorkspaceSource', () => {
  let root: string;
  let source: WorkspaceSource;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-workspace-'));
    await cp(ECHO, join(root, 'echo'), { recursive: true });
    source = new WorkspaceSource(root);
    vi.mocked(reading.readConnector).mockClear();
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads a build once while its files are unchanged, and hands out copies of the manifest', async () => {
    const first = await source.fetch(NAME, '1.0.0');
    first.manifest.title = 'changed by a caller';
    const second = await source.fetch(NAME, '1.0.0');
    expect(second.integrity).toBe(first.integrity);
    expect(second.manifest.title).not.toBe('changed by a caller');
    expect(reading.readConnector).toHaveBeenCalledTimes(1);
  });

  it('sees a rebuilt bundle at once: a new integrity', async () => {
    const before = await source.fetch(NAME, '1.0.0');
    const bundle = join(root, 'echo', 'dist', 'connector.mjs');
    // As `mova-connector build` writes it: a finished file renamed over the old one.
    await writeFile(`${bundle}.tmp`, `${await readFile(bundle, 'utf8')}\n// rebuilt\n`);
    await rename(`${bundle}.tmp`, bundle);
    const after = await source.fetch(NAME, '1.0.0');
    expect(after.integrity).not.toBe(before.integrity);
    expect(reading.readConnector).toHaveBeenCalledTimes(2);
  });

  it('sees a new version and a removed package', async () => {
    expect(await source.versions(NAME)).toEqual(['1.0.0']);
    const manifestPath = join(root, 'echo', 'mova.manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, version: '1.0.1' }));
    expect(await source.versions(NAME)).toEqual(['1.0.1']);
    await rm(manifestPath);
    expect(await source.packages()).toEqual([]);
  });
});

// A connector folder cloned from somewhere is not trusted: Node follows links, and dist/ is what
// its sandbox may read, so a link there could hand the connector any file of the user's.
describe('WorkspaceSource refuses symbolic links out of a connector folder', () => {
  let root: string;
  let outside: string;
  let echo: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-workspace-links-'));
    outside = await mkdtemp(join(tmpdir(), 'mova-outside-'));
    echo = join(root, 'echo');
    await cp(ECHO, echo, { recursive: true });
    await writeFile(join(outside, 'id_rsa'), 'PRIVATE KEY');
    await cp(join(ECHO, 'dist'), join(outside, 'dist'), { recursive: true });
    await cp(join(ECHO, 'mova.manifest.json'), join(outside, 'mova.manifest.json'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  const refusal = (path: string, scope = 'its folder') =>
    new RegExp(
      `^refused the connector in ${literal(echo)}: ${literal(path)} is a symbolic link out of ${literal(scope)} `,
    );

  it('the manifest', async () => {
    await rm(join(echo, 'mova.manifest.json'));
    await symlink(join(outside, 'mova.manifest.json'), join(echo, 'mova.manifest.json'));
    await expect(new WorkspaceSource(root).versions(NAME)).rejects.toThrow(refusal('mova.manifest.json'));
    await expect(WorkspaceSource.folder(echo).fetch(NAME, '1.0.0')).rejects.toThrow(refusal('mova.manifest.json'));
  });

  it('the bundle, and dist/ itself', async () => {
    const bundle = join(echo, 'dist', 'connector.mjs');
    await rm(bundle);
    await symlink(join(outside, 'dist', 'connector.mjs'), bundle);
    await expect(new WorkspaceSource(root).fetch(NAME, '1.0.0')).rejects.toThrow(
      refusal('dist/connector.mjs', 'dist/'),
    );
    await rm(join(echo, 'dist'), { recursive: true });
    await symlink(join(outside, 'dist'), join(echo, 'dist'));
    await expect(new WorkspaceSource(root).fetch(NAME, '1.0.0')).rejects.toThrow(refusal('dist'));
  });

  it('anything in dist/ the connector could read beside its bundle, even a dangling or relative link', async () => {
    const source = new WorkspaceSource(root);
    expect((await source.fetch(NAME, '1.0.0')).version).toBe('1.0.0');
    // The bundle is unchanged, so its build is not read again: the link is caught all the same.
    await mkdir(join(echo, 'dist', 'assets'));
    await symlink(join(outside, 'id_rsa'), join(echo, 'dist', 'assets', 'key'));
    await expect(source.fetch(NAME, '1.0.0')).rejects.toThrow(refusal('dist/assets/key', 'dist/'));
    await rm(join(echo, 'dist', 'assets', 'key'));
    await symlink('../../../nothing-here-yet', join(echo, 'dist', 'assets', 'key'));
    await expect(source.fetch(NAME, '1.0.0')).rejects.toThrow(refusal('dist/assets/key', 'dist/'));
  });

  it('but not links that stay inside', async () => {
    const dist = join(echo, 'dist');
    await rename(join(dist, 'connector.mjs'), join(dist, 'real.mjs'));
    await symlink('real.mjs', join(dist, 'connector.mjs'));
    await rename(dist, join(echo, 'build'));
    await symlink('build', dist);
    const found = await new WorkspaceSource(root).fetch(NAME, '1.0.0');
    expect(found.version).toBe('1.0.0');
  });

  it('ConnectorStore.add refuses the same folder', async () => {
    await symlink(join(outside, 'id_rsa'), join(echo, 'dist', 'key'));
    await expect(new ConnectorStore(join(root, 'store')).add(echo)).rejects.toThrow(refusal('dist/key', 'dist/'));
  });
});

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
