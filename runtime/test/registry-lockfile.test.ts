import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Registry } from '@mova/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowValidationError } from '../src/errors.js';
import { createRuntime, type RuntimeOptions } from '../src/runtime.js';
import { ConnectorStore } from '../src/sources/connector-store.js';
import { integrityHex } from '../src/sources/integrity.js';
import { lockRange } from '../src/sources/lock-entries.js';
import { emptyLockfile, type Lockfile, readLockfile, writeLockfile } from '../src/sources/lockfile.js';
import { RegistrySource } from '../src/sources/registry-source.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import { tempDir, workflow } from './helpers.js';
import {
  escapeRegExp,
  GREETER,
  publishGreeter,
  type RegistryProxy,
  startProxy,
  startTestRegistry,
} from './registry-support.js';

const HELLO_V1 = workflow([{ id: 'hi', uses: 'greeter/greet.hello@^1', with: { name: 'Ada' } }]);

describe('runs with mova.lock.json', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let registry: Registry;
  let proxy: RegistryProxy;
  /** ^1 locked to 1.0.0 although 1.1.0 is published: the lockfile, not the registry, decides. */
  let lock: Lockfile;
  let lockPath: string;

  beforeAll(async () => {
    dir = await tempDir('mova-registry-lockfile-');
    const started = await startTestRegistry(dir.path);
    registry = started.registry;
    await publishGreeter(dir.path, registry, started.npmrc, '1.0.0', ['hello', 'bye']);
    await publishGreeter(dir.path, registry, started.npmrc, '1.1.0', ['hello', 'bye', 'wave']);
    proxy = await startProxy(registry.url);
    const installed = await new RegistrySource({
      url: proxy.url,
      store: new ConnectorStore(join(dir.path, 'install-store')),
    }).fetch(GREETER, '1.0.0');
    lock = lockRange(emptyLockfile(), GREETER, '^1', '1.0.0', {
      resolved: installed.resolved,
      integrity: installed.tarballIntegrity,
      contentIntegrity: installed.integrity,
      registry: installed.registry,
    });
    lockPath = join(dir.path, 'mova.lock.json');
    await writeLockfile(lockPath, lock);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await registry?.close();
    await dir?.remove();
  });

  /** A runtime over its own run store; `connectorStore` names the store folder under the temp dir. */
  async function withRuntime<T>(
    storeName: string,
    options: RuntimeOptions,
    work: (runtime: ReturnType<typeof createRuntime>) => Promise<T>,
  ): Promise<T> {
    const runs = await tempDir();
    const runtime = createRuntime({
      connectorStore: new ConnectorStore(join(dir.path, storeName)),
      store: new FileRunStore(runs.path),
      ...options,
    });
    try {
      return await work(runtime);
    } finally {
      await runtime.close();
      await runs.remove();
    }
  }

  const requestsNow = () => ({
    packuments: proxy.requests.packuments.length,
    tarballs: proxy.requests.tarballs.length,
  });

  it('runs exactly the locked version, fetching its tarball by URL and never asking for versions', async () => {
    const before = requestsNow();
    await withRuntime('store-a', { lockfile: lockPath, registry: { url: proxy.url } }, async (runtime) => {
      const result = await runtime.run(HELLO_V1);
      expect(result).toMatchObject({ status: 'completed', output: { text: 'hello Ada', version: '1.0.0' } });
      const record = await runtime.store.getRun(result.runId);
      const entry = lock.connectors[GREETER]?.['1.0.0'];
      expect(record?.steps).toEqual([
        expect.objectContaining({
          id: 'hi',
          status: 'completed',
          connector: `${GREETER}@1.0.0`,
          connectorIntegrity: entry?.contentIntegrity,
        }),
      ]);
    });
    // One download by the lockfile's `resolved` URL into the empty store, and no package document.
    expect(requestsNow()).toEqual({ packuments: before.packuments, tarballs: before.tarballs + 1 });
  });

  it('runs from the store when the registry is gone', async () => {
    const gone = await startProxy(registry.url);
    const installed = await new RegistrySource({
      url: gone.url,
      store: new ConnectorStore(join(dir.path, 'store-b')),
    }).fetch(GREETER, '1.1.0');
    const offline = lockRange(emptyLockfile(), GREETER, '^1', '1.1.0', {
      resolved: installed.resolved,
      integrity: installed.tarballIntegrity,
      contentIntegrity: installed.integrity,
      registry: installed.registry,
    });
    await gone.close();
    await withRuntime('store-b', { lockfile: offline, registry: { url: gone.url } }, async (runtime) => {
      const result = await runtime.run(workflow([{ id: 'w', uses: 'greeter/greet.wave@^1.1', with: { name: 'Bo' } }]));
      expect(result).toMatchObject({ status: 'completed', output: { text: 'wave Bo', version: '1.1.0' } });
    });
  });

  it('fails validation, located, for a uses the lockfile does not lock', async () => {
    const before = requestsNow();
    await withRuntime('store-c', { lockfile: lockPath, registry: { url: proxy.url } }, async (runtime) => {
      const checked = await runtime.validate(
        workflow([
          { id: 'ok', uses: 'greeter/greet.hello@^1', with: { name: 'Ada' } },
          { id: 'next', uses: 'greeter/greet.hello@^2', with: { name: 'Ada' } },
          { id: 'typo', uses: 'greter/greet.hello@^1', with: { name: 'Ada' } },
        ]),
      );
      expect(checked.ok).toBe(false);
      expect(checked.ok ? [] : checked.issues).toEqual([
        {
          pointer: '/steps/1/uses',
          message: `mova.lock.json does not lock ${GREETER}@^2 (it locks 1.0.0)`,
          hint: 'Run `mova-connector install greeter@^2` in the folder of mova.lock.json, then run again.',
        },
        {
          pointer: '/steps/2/uses',
          message: 'mova.lock.json does not lock @mova/connector-greter@^1',
          hint: `Did you mean greeter (${GREETER})? If not, run \`mova-connector install greter@^1\` in the folder of mova.lock.json, then run again.`,
        },
      ]);
      await expect(
        runtime.run(workflow([{ id: 'x', uses: 'greeter/greet.hello@>=2', with: { name: 'A' } }])),
      ).rejects.toBeInstanceOf(WorkflowValidationError);
    });
    expect(requestsNow().packuments).toBe(before.packuments);
  });

  it('refuses a download that does not match the lockfile integrity and stores nothing', async () => {
    const entry = lock.connectors[GREETER]?.['1.0.0'];
    if (!entry) throw new Error('the lock has no 1.0.0');
    // The integrity of another real tarball: well-formed, just not what this URL serves.
    const other = (
      await new RegistrySource({ url: proxy.url, store: new ConnectorStore(join(dir.path, 'x')) }).fetch(
        GREETER,
        '1.1.0',
      )
    ).tarballIntegrity;
    const forged = lockRange(emptyLockfile(), GREETER, '^1', '1.0.0', { ...entry, integrity: other });
    const store = join(dir.path, 'store-d');
    await withRuntime('store-d', { lockfile: forged, registry: { url: proxy.url } }, async (runtime) => {
      const checked = await runtime.validate(HELLO_V1);
      expect(checked.ok ? [] : checked.issues).toEqual([
        {
          pointer: '/steps/0/uses',
          message: `refused ${GREETER}@1.0.0: the tarball at ${entry.resolved} hashes to ${entry.integrity}, but mova.lock.json pins ${other}`,
          hint: expect.stringMatching(/^Nothing was stored\. Published versions never change/),
        },
      ]);
    });
    expect(await readdir(store).catch(() => [])).toEqual([]);
  });

  it('refuses store content that was changed after it was installed', async () => {
    const entry = lock.connectors[GREETER]?.['1.0.0'];
    if (!entry) throw new Error('the lock has no 1.0.0');
    const options = { lockfile: lockPath, registry: { url: proxy.url } };
    await withRuntime('store-e', options, async (runtime) => {
      expect((await runtime.run(HELLO_V1)).status).toBe('completed');
    });
    const bundle = join(dir.path, 'store-e', 'content', integrityHex(entry.contentIntegrity), 'connector.mjs');
    await appendFile(bundle, '\nglobalThis.stolen = process.env;\n');
    const before = requestsNow();
    await withRuntime('store-e', options, async (runtime) => {
      const checked = await runtime.validate(HELLO_V1);
      expect(checked.ok ? [] : checked.issues).toEqual([
        {
          pointer: '/steps/0/uses',
          message: expect.stringMatching(
            new RegExp(
              `^${GREETER}@1\\.0\\.0 \\(locked in mova\\.lock\\.json\\) cannot be used from the connector store: .*the content stored as ${escapeRegExp(entry.contentIntegrity)} was changed \\(it hashes to sha512-`,
            ),
          ),
          hint: expect.stringContaining('run `mova-connector install`'),
        },
      ]);
    });
    // Refused, not silently replaced by a fresh download.
    expect(requestsNow()).toEqual(before);
  });

  it('reports a broken lockfile with the place of the problem', async () => {
    const broken = join(dir.path, 'broken', 'mova.lock.json');
    await mkdir(join(dir.path, 'broken'));
    await writeFile(broken, (await readFile(lockPath, 'utf8')).replace('"^1"', '"^2"'));
    await expect(readLockfile(broken)).rejects.toMatchObject({
      code: 'E_LOCKFILE',
      issues: [
        { pointer: '/connectors/@mova~1connector-greeter/1.0.0/ranges/0', message: '"^2" does not allow 1.0.0' },
      ],
    });
    await withRuntime('store-f', { lockfile: broken }, async (runtime) => {
      const checked = await runtime.validate(HELLO_V1);
      expect(checked.ok ? [] : checked.issues).toEqual([
        {
          pointer: '/steps/0/uses',
          message: `${broken}#/connectors/@mova~1connector-greeter/1.0.0/ranges/0: "^2" does not allow 1.0.0`,
          hint: expect.stringContaining('mova-connector install'),
        },
      ]);
    });
  });
});
