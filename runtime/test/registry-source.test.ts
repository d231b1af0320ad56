import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Registry } from '@mova/registry';
import { MANIFEST_FILE } from '@mova/sdk';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../src/runtime.js';
import { ConnectorStore } from '../src/sources/connector-store.js';
import { contentIntegrity } from '../src/sources/integrity.js';
import { RegistryError } from '../src/sources/registry-client.js';
import { RegistrySource } from '../src/sources/registry-source.js';
import { Resolver } from '../src/sources/resolver.js';
import { IntegrityError, sha512Integrity } from '../src/sources/tarball.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import { tempDir, workflow } from './helpers.js';
import {
  GREETER,
  publishGreeter,
  type RegistryProxy,
  run,
  startProxy,
  startTestRegistry,
  tarballBytes,
  writeGreeter,
} from './registry-support.js';

describe('RegistrySource against a real registry', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let registry: Registry;
  let npmrc: string;
  let proxy: RegistryProxy;
  /** `dist.integrity` of each published version, as the registry reports it. */
  let published: Record<string, string>;

  beforeAll(async () => {
    dir = await tempDir('mova-registry-source-');
    ({ registry, npmrc } = await startTestRegistry(dir.path));
    await publishGreeter(dir.path, registry, npmrc, '1.0.0', ['hello', 'bye']);
    await publishGreeter(dir.path, registry, npmrc, '1.1.0', ['hello', 'bye', 'wave']);
    await publishGreeter(dir.path, registry, npmrc, '2.0.0', ['hello', 'wave']);
    proxy = await startProxy(registry.url);
    const doc = (await (await fetch(`${registry.url}@mova%2fconnector-greeter`)).json()) as {
      versions: Record<string, { dist: { integrity: string } }>;
    };
    published = Object.fromEntries(Object.entries(doc.versions).map(([v, meta]) => [v, meta.dist.integrity]));
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await registry?.close();
    await dir?.remove();
  });

  const storeIn = (name: string) => new ConnectorStore(join(dir.path, name));

  it('lists the published versions and resolves a range to the highest match', async () => {
    const source = new RegistrySource({ url: proxy.url, store: storeIn('store-a') });
    expect(semver.sort(await source.versions(GREETER))).toEqual(['1.0.0', '1.1.0', '2.0.0']);
    const resolved = await new Resolver([source]).resolve(GREETER, '^1');
    expect(resolved).toMatchObject({ package: GREETER, version: '1.1.0', source: `registry ${proxy.url}` });
    expect(resolved.manifest.actions.map((a) => a.key)).toEqual(['greet.hello', 'greet.bye', 'greet.wave']);
    expect(resolved.bundlePath.startsWith(join(dir.path, 'store-a', 'content'))).toBe(true);
    // The store keeps exactly the build that was published: same manifest and bundle bytes.
    const built = join(dir.path, 'greeter-1.1.0');
    expect(resolved.integrity).toBe(
      contentIntegrity(
        await readFile(join(built, MANIFEST_FILE)),
        await readFile(join(built, 'dist', 'connector.mjs')),
      ),
    );
    const fetched = await source.fetch(GREETER, '1.1.0');
    expect(fetched.tarballIntegrity).toBe(published['1.1.0']);
    expect(fetched.resolved).toBe(`${proxy.url}@mova/connector-greeter/-/connector-greeter-1.1.0.tgz`);
    expect(fetched.registry).toBe(proxy.url);
  });

  it('downloads a version once: another source over the same store takes it from the store', async () => {
    const before = proxy.requests.tarballs.length;
    const first = await new RegistrySource({ url: proxy.url, store: storeIn('store-b') }).fetch(GREETER, '1.0.0');
    expect(proxy.requests.tarballs.length).toBe(before + 1);
    const again = await new RegistrySource({ url: proxy.url, store: storeIn('store-b') }).fetch(GREETER, '1.0.0');
    expect(proxy.requests.tarballs.length).toBe(before + 1);
    expect(again.integrity).toBe(first.integrity);
    expect(again.tarballIntegrity).toBe(published['1.0.0']);
  });

  it('runs a connector downloaded from the registry', async () => {
    const runs = await tempDir();
    const runtime = createRuntime({
      registry: { url: proxy.url },
      connectorStore: storeIn('store-run'),
      store: new FileRunStore(runs.path),
    });
    try {
      const result = await runtime.run(workflow([{ id: 'hi', uses: 'greeter/greet.wave@^1', with: { name: 'Ada' } }]));
      expect(result).toMatchObject({ status: 'completed', output: { text: 'wave Ada', version: '1.1.0' } });
      const record = await runtime.store.getRun(result.runId);
      expect(record?.steps[0]).toMatchObject({
        connector: `${GREETER}@1.1.0`,
        connectorIntegrity: expect.stringMatching(/^sha512-/),
      });
    } finally {
      await runtime.close();
      await runs.remove();
    }
  });

  it('refuses a tarball whose bytes differ from the published integrity, and stores nothing', async () => {
    // A valid tarball of another version: it would unpack cleanly, so only the digest can catch it.
    const forged = await tarballBytes(registry.url, '1.1.0');
    proxy.replace.set('connector-greeter-1.0.0.tgz', forged);
    const store = storeIn('store-forged');
    try {
      const error = await new RegistrySource({ url: proxy.url, store }).fetch(GREETER, '1.0.0').catch((e) => e);
      expect(error).toBeInstanceOf(IntegrityError);
      expect(error.message).toBe(
        `refused ${GREETER}@1.0.0: the tarball at ${proxy.url}@mova/connector-greeter/-/connector-greeter-1.0.0.tgz ` +
          `hashes to ${sha512Integrity(forged)}, but registry ${proxy.url} pins ${published['1.0.0']}`,
      );
      expect(error.hint).toMatch(/^Nothing was stored\. .*check the registry before installing again\.$/);
      expect(await store.versions(GREETER)).toEqual([]);
      expect(await readdir(store.root).catch(() => [])).toEqual([]);
    } finally {
      proxy.replace.clear();
    }
  });

  it('says a download that ended early was cut short, not tampered with', async () => {
    const whole = await tarballBytes(registry.url, '1.0.0');
    proxy.replace.set('connector-greeter-1.0.0.tgz', whole.subarray(0, Math.floor(whole.length / 2)));
    const store = storeIn('store-cut');
    try {
      const error = await new RegistrySource({ url: proxy.url, store }).fetch(GREETER, '1.0.0').catch((e) => e);
      expect(error).not.toBeInstanceOf(IntegrityError);
      expect(error.message).toMatch(/^the download of @mova\/connector-greeter@1\.0\.0 from .* ended early: \d+ bytes/);
      expect(error.hint).toMatch(/connection was cut .*Install again\.$/);
      expect(await store.versions(GREETER)).toEqual([]);
    } finally {
      proxy.replace.clear();
    }
  });

  it('says a package is unknown, and Resolver names the registry', async () => {
    const source = new RegistrySource({ url: proxy.url, store: storeIn('store-c') });
    expect(await source.versions('@mova/connector-nope')).toEqual([]);
    await expect(source.fetch('@mova/connector-nope', '1.0.0')).rejects.toThrow(
      `@mova/connector-nope is not in registry ${proxy.url}`,
    );
    await expect(new Resolver([source]).resolve('@mova/connector-nope', '^1')).rejects.toThrow(
      `@mova/connector-nope is not in registry ${proxy.url}`,
    );
    await expect(source.fetch(GREETER, '9.9.9')).rejects.toMatchObject({
      message: `registry ${proxy.url} has no ${GREETER}@9.9.9`,
      hint: 'Available: 2.0.0, 1.1.0, 1.0.0.',
    });
  });

  it('names the registry when it cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const source = new RegistrySource({ url: `http://127.0.0.1:${port}`, store: storeIn('store-d') });
    const error = await source.versions(GREETER).catch((e) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.message).toMatch(
      new RegExp(`^cannot reach the registry http://127\\.0\\.0\\.1:${port}/ \\(.*ECONNREFUSED`),
    );
    expect(error.hint).toContain('Check that the registry is running');
  });

  it('refuses packages that carry no connector, or the manifest of another package', async () => {
    const plain = join(dir.path, 'plain');
    await writeGreeter(dir.path, '3.0.0', ['hello']);
    const impostor = join(dir.path, 'greeter-3.0.0');
    const pkgPath = join(impostor, 'package.json');
    const pkg = JSON.parse(await readFile(pkgPath, 'utf8'));
    await writeFile(pkgPath, JSON.stringify({ ...pkg, name: '@mova/connector-impostor' }));
    await writeGreeter(plain, '1.0.0', ['hello']);
    const plainDir = join(plain, 'greeter-1.0.0');
    await writeFile(
      join(plainDir, 'package.json'),
      JSON.stringify({ name: '@mova/plain', version: '1.0.0', type: 'module', files: ['dist'] }),
    );
    for (const cwd of [impostor, plainDir]) {
      const published = await run('npm', ['publish', '--userconfig', npmrc, '--registry', registry.url], cwd);
      expect(published.code, published.stderr).toBe(0);
    }
    const source = new RegistrySource({ url: proxy.url, store: storeIn('store-e') });
    await expect(source.fetch('@mova/connector-impostor', '3.0.0')).rejects.toThrow(
      `the tarball of @mova/connector-impostor@3.0.0 carries the manifest of ${GREETER}@3.0.0`,
    );
    await expect(source.fetch('@mova/plain', '1.0.0')).rejects.toThrow(
      '@mova/plain@1.0.0 is not a MOVA connector: its tarball has no mova.manifest.json',
    );
    expect(await source.store.packages()).toEqual([]);
  }, 60_000);
});
