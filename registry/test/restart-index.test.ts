import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SDK_VERSION } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../src/index.js';
import { MANIFEST_CACHE_FILE } from '../src/start-registry.js';
import { chatConnector, crmConnector, writePackage } from './support/fixtures.js';
import { addUser, removeDir, startTestRegistry, tempDir, userConfig } from './support/registry.js';
import { npm } from './support/tools.js';

interface CacheFile {
  format: string;
  packages: Record<string, Record<string, { checksum: string; file: { kind: string; manifest?: { title?: string } } }>>;
}

describe('the manifest cache across restarts', () => {
  let dir: string;
  let storage: string;
  let cacheFile: string;
  let registry: Registry | undefined;
  const rc: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  function npmAs(user: string, args: string[], cwd = dir) {
    return npm([...args, '--userconfig', rc[user] ?? '', '--registry', registry?.url ?? ''], cwd);
  }

  async function publish(name: string, version: string, connector = chatConnector()) {
    const published = await npmAs('alice', ['publish'], await writePackage(dir, { name, version, connector }));
    expect(published.code, published.stderr).toBe(0);
  }

  async function restart(): Promise<Registry> {
    await registry?.close();
    const started = await startTestRegistry(storage, { admins: ['root'] });
    registry = started;
    // A restart picks another port: the npm configs follow it (tokens outlive restarts).
    for (const [user, token] of Object.entries(tokens)) rc[user] = await userConfig(dir, started, user, token);
    return started;
  }

  const readCache = async (): Promise<CacheFile> => JSON.parse(await readFile(cacheFile, 'utf8'));
  const listed = (started: Registry) => started.index.search({}).results.map((r) => `${r.name}@${r.latestVersion}`);
  const tarballOf = (name: string, version: string) =>
    join(storage, 'storage', ...name.split('/'), `${name.split('/')[1]}-${version}.tgz`);

  beforeAll(async () => {
    dir = await tempDir('restart-index');
    storage = join(dir, 'data');
    cacheFile = join(storage, MANIFEST_CACHE_FILE);
    const started = await restart();
    for (const user of ['root', 'alice']) {
      tokens[user] = await addUser(started, user);
      rc[user] = await userConfig(dir, started, user, tokens[user]);
    }
    await publish('@alice/chat', '1.0.0');
    await publish('@alice/chat', '1.1.0');
    await publish('@alice/crm', '2.0.0', crmConnector());
    await started.indexed();
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
    await removeDir(dir);
  });

  it('keeps what it read from each tarball, with its integrity', async () => {
    await restart();
    const cache = await readCache();
    expect(cache.format).toBe(`1/${SDK_VERSION}`);
    expect(Object.keys(cache.packages).sort()).toEqual(['@alice/chat', '@alice/crm']);
    expect(Object.keys(cache.packages['@alice/chat'] ?? {}).sort()).toEqual(['1.0.0', '1.1.0']);
    const view = await npmAs('alice', ['view', '@alice/crm@2.0.0', 'dist.integrity']);
    expect(cache.packages['@alice/crm']?.['2.0.0']).toMatchObject({
      checksum: view.stdout.trim(),
      file: { kind: 'found', manifest: { title: 'Acme CRM' }, issues: [] },
    });
  });

  it('lists every connector after a restart without reading their tarballs again', async () => {
    // A tarball damaged behind the registry's back would unlist the connector if it were read again.
    const tarball = tarballOf('@alice/crm', '2.0.0');
    const bytes = await readFile(tarball);
    await writeFile(tarball, 'not a tarball');
    try {
      const started = await restart();
      expect(listed(started).sort()).toEqual(['@alice/chat@1.1.0', '@alice/crm@2.0.0']);
      expect(started.index.get('@alice/crm')?.title).toBe('Acme CRM');
    } finally {
      await writeFile(tarball, bytes);
    }
  });

  it('reads a tarball again when its integrity no longer matches the cached one', async () => {
    const cache = await readCache();
    const chat = cache.packages['@alice/chat'];
    const crm = cache.packages['@alice/crm'];
    if (!chat?.['1.1.0']?.file.manifest || !crm?.['2.0.0']?.file.manifest) throw new Error('cache records missing');
    // Same integrity: the record is trusted as it is. Another integrity: it says nothing of this tarball.
    chat['1.1.0'].file.manifest.title = 'Chat from the cache';
    crm['2.0.0'].file.manifest.title = 'CRM from a stale record';
    crm['2.0.0'].checksum = 'sha512-another-tarball';
    await writeFile(cacheFile, JSON.stringify(cache));
    const started = await restart();
    expect(started.index.get('@alice/chat')?.title).toBe('Chat from the cache');
    expect(started.index.get('@alice/crm')?.title).toBe('Acme CRM');
    await started.close();
    registry = undefined;
    expect((await readCache()).packages['@alice/crm']?.['2.0.0']?.file.manifest?.title).toBe('Acme CRM');
  });

  it('rebuilds a damaged or missing cache file and keeps serving', async () => {
    for (const content of ['{"format": 1, "packages": ', '[]', JSON.stringify({ format: '1/0.0.1', packages: {} })]) {
      await registry?.close();
      registry = undefined;
      await writeFile(cacheFile, content);
      const started = await restart();
      expect(listed(started).sort(), content).toEqual(['@alice/chat@1.1.0', '@alice/crm@2.0.0']);
      expect(started.index.get('@alice/chat')?.title).toBe('Chat Relay');
      await started.close();
      registry = undefined;
      expect(Object.keys((await readCache()).packages).sort(), content).toEqual(['@alice/chat', '@alice/crm']);
    }
  });

  it('follows a publish, a deprecation and an unpublish across a restart', async () => {
    await restart();
    await publish('@alice/chat', '1.2.0');
    const deprecated = await npmAs('alice', ['deprecate', '@alice/crm@2.0.0', 'use @alice/chat']);
    expect(deprecated.code, deprecated.stderr).toBe(0);
    const unpublished = await npmAs('root', ['unpublish', '@alice/chat@1.0.0']);
    expect(unpublished.code, unpublished.stderr).toBe(0);
    const started = await restart();
    expect(listed(started).sort()).toEqual(['@alice/chat@1.2.0', '@alice/crm@2.0.0']);
    expect(started.index.get('@alice/crm')?.deprecated).toBe('use @alice/chat');
    expect(started.index.get('@alice/chat')?.versions.map((v) => v.version)).toEqual(['1.2.0', '1.1.0']);
    expect(Object.keys((await readCache()).packages['@alice/chat'] ?? {}).sort()).toEqual(['1.1.0', '1.2.0']);

    const removed = await npmAs('root', ['unpublish', '@alice/crm', '--force']);
    expect(removed.code, removed.stderr).toBe(0);
    const again = await restart();
    expect(listed(again)).toEqual(['@alice/chat@1.2.0']);
    await again.close();
    registry = undefined;
    expect(Object.keys((await readCache()).packages)).toEqual(['@alice/chat']);
  });
});
