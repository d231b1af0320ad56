import { appendFile, cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureManifests, FIXTURES, tempDir } from '../../test/helpers.js';
import { ConnectorStore } from './connector-store.js';
import { ResolveError, Resolver } from './resolver.js';
import { WorkspaceSource } from './workspace-source.js';

describe('Resolver', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: ConnectorStore;
  let workspace: WorkspaceSource;

  beforeAll(async () => {
    await buildFixtureManifests();
    dir = await tempDir();
    workspace = new WorkspaceSource(FIXTURES);
    // The store holds echo 1.0.0 and 2.0.0; the workspace also has 1.2.0.
    store = new ConnectorStore(join(dir.path, 'store'));
    await store.add(join(FIXTURES, 'echo-1.0.0'));
    await store.add(join(FIXTURES, 'echo-2.0.0'));
  });
  afterAll(() => dir.remove());

  it.each([
    ['^1', '1.2.0'],
    ['~1.0', '1.0.0'],
    ['1.0.0', '1.0.0'],
    ['>=1.1 <3', '2.0.0'],
    ['*', '2.0.0'],
    ['^2.0.0', '2.0.0'],
  ])('picks the highest version matching %s across sources', async (range, version) => {
    const resolved = await new Resolver([store, workspace]).resolve('@mova/connector-echo', range);
    expect(resolved.version).toBe(version);
    expect(resolved.manifest.version).toBe(version);
    expect(resolved.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
  });

  it('takes a version from the first source that has it, with the same integrity everywhere', async () => {
    const fromStore = await new Resolver([store, workspace]).resolve('@mova/connector-echo', '2.0.0');
    const fromWorkspace = await new Resolver([workspace, store]).resolve('@mova/connector-echo', '2.0.0');
    expect(fromStore.source).toBe(store.label);
    expect(fromWorkspace.source).toBe(workspace.label);
    expect(fromStore.integrity).toBe(fromWorkspace.integrity);
    expect(fromStore.bundlePath).not.toBe(fromWorkspace.bundlePath);
  });

  it('lists the available versions when none matches', async () => {
    const error = await new Resolver([store, workspace]).resolve('@mova/connector-echo', '^3').catch((e) => e);
    expect(error).toBeInstanceOf(ResolveError);
    expect(error.message).toBe('no version of @mova/connector-echo matches "^3"');
    expect(error.hint).toContain('Available: 2.0.0, 1.2.0, 1.0.0');
  });

  it('suggests a near package name for an unknown connector', async () => {
    const error = await new Resolver([workspace]).resolve('@mova/connector-ecko', '^1').catch((e) => e);
    expect(error.message).toContain('@mova/connector-ecko is not in workspace');
    expect(error.hint).toBe('Did you mean echo (@mova/connector-echo)?');
  });

  it('resolves a scoped third-party package', async () => {
    const resolved = await new Resolver([workspace]).resolve('@acme/connector-widgets', '^0.3');
    expect(resolved.manifest.name).toBe('widgets');
  });
});

describe('ConnectorStore', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    await buildFixtureManifests();
    dir = await tempDir();
  });
  afterAll(() => dir.remove());

  it('stores content by its sha512 and indexes it by name and version', async () => {
    const store = new ConnectorStore(join(dir.path, 'a'));
    const added = await store.add(join(FIXTURES, 'echo-1.2.0'));
    expect(added.package).toBe('@mova/connector-echo');
    expect(added.version).toBe('1.2.0');
    const hex = Buffer.from(added.integrity.slice(7), 'base64').toString('hex');
    expect(await readdir(join(store.root, 'content'))).toEqual([hex]);
    expect(await store.versions('@mova/connector-echo')).toEqual(['1.2.0']);
    expect(await store.packages()).toEqual(['@mova/connector-echo']);
    const fetched = await store.fetch('@mova/connector-echo', '1.2.0');
    expect(fetched.integrity).toBe(added.integrity);
    expect(fetched.bundlePath).toBe(join(store.root, 'content', hex, 'connector.mjs'));
    expect(await store.get(added.integrity)).toMatchObject({ package: '@mova/connector-echo', version: '1.2.0' });
  });

  it('adds the same build twice without a second copy', async () => {
    const store = new ConnectorStore(join(dir.path, 'b'));
    const [first, second] = await Promise.all([
      store.add(join(FIXTURES, 'echo-1.0.0')),
      store.add(join(FIXTURES, 'echo-1.0.0')),
    ]);
    expect(first.integrity).toBe(second.integrity);
    expect(await readdir(join(store.root, 'content'))).toHaveLength(1);
  });

  it('refuses different content under a stored version', async () => {
    const store = new ConnectorStore(join(dir.path, 'c'));
    await store.add(join(FIXTURES, 'echo-1.0.0'));
    const forged = join(dir.path, 'forged');
    await cp(join(FIXTURES, 'echo-1.2.0'), forged, { recursive: true });
    const manifestPath = join(forged, 'mova.manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, version: '1.0.0' }));
    await expect(store.add(forged)).rejects.toThrow(
      /@mova\/connector-echo@1.0.0 is already stored with different content/,
    );
  });

  it('detects content changed after it was stored', async () => {
    const store = new ConnectorStore(join(dir.path, 'd'));
    const { integrity } = await store.add(join(FIXTURES, 'echo-2.0.0'));
    const hex = Buffer.from(integrity.slice(7), 'base64').toString('hex');
    await appendFile(join(store.root, 'content', hex, 'connector.mjs'), '\nglobalThis.pwned = true;\n');
    await expect(store.fetch('@mova/connector-echo', '2.0.0')).rejects.toThrow(/was changed/);
  });

  it('refuses a folder that is not a built connector', async () => {
    const store = new ConnectorStore(join(dir.path, 'e'));
    await expect(store.add(dir.path)).rejects.toThrow(/cannot read the connector/);
  });
});
