import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../src/runtime.js';
import { ConnectorStore } from '../src/sources/connector-store.js';
import { RegistrySource } from '../src/sources/registry-source.js';
import { sha512Integrity } from '../src/sources/tarball.js';
import { SourceError } from '../src/sources/types.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import { tempDir, workflow } from './helpers.js';
import { connectorTarball, gzipBomb } from './tarballs.js';

const NAME = '@evil/connector-bomb';
const MiB = 1024 * 1024;

// A hostile registry: the packument's integrity matches what it serves, so only the tarball
// reader stands between these bytes and the store. Each version is one attack.
describe('a registry serving a bomb or a damaged tarball: the runtime refuses it at once, and keeps serving', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let server: Server;
  let url: string;
  const tarballs = new Map<string, Buffer>();

  beforeAll(async () => {
    dir = await tempDir('mova-tarball-bombs-');
    const whole = connectorTarball();
    tarballs.set('1.0.0', gzipBomb(1024 * MiB, 16 * MiB));
    tarballs.set('1.0.1', whole.subarray(0, whole.length - 20));
    tarballs.set('1.0.2', gzipBomb(256 * MiB, 16 * MiB));
    server = createServer((req, res) => {
      const path = decodeURIComponent(req.url ?? '/');
      const version = path.match(/-(\d+\.\d+\.\d+)\.tgz$/)?.[1];
      const bytes = version ? tarballs.get(version) : undefined;
      if (bytes) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
        return;
      }
      if (path !== `/${NAME}`) {
        res.writeHead(404).end('{}');
        return;
      }
      const versions = Object.fromEntries(
        [...tarballs].map(([v, b]) => [
          v,
          {
            name: NAME,
            version: v,
            dist: { tarball: `${url}${NAME}/-/connector-bomb-${v}.tgz`, integrity: sha512Integrity(b) },
          },
        ]),
      );
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: NAME, 'dist-tags': { latest: '1.0.2' }, versions }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await dir?.remove();
  });

  it.each([
    ['a 1 GiB gzip bomb', '1.0.0', 'unpacks to more than 128 MiB'],
    ['a tarball cut short', '1.0.1', 'is damaged: unexpected end of file'],
    ['a 256 MiB bomb', '1.0.2', 'unpacks to more than 200 times its'],
  ])('RegistrySource.fetch refuses %s with a SourceError and stores nothing', async (_, version, message) => {
    const store = new ConnectorStore(join(dir.path, `store-${version}`));
    const started = performance.now();
    const error = await new RegistrySource({ url, store }).fetch(NAME, version).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toContain(`the tarball of ${NAME}@${version} ${message}`);
    // Under a second on a quiet machine; the old reader never settled.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(await store.packages()).toEqual([]);
  });

  it('a run that uses it is refused with that message, while other runs on the same runtime complete', async () => {
    const runs = await tempDir();
    const runtime = createRuntime({
      registry: { url },
      connectorStore: new ConnectorStore(join(dir.path, 'store-run')),
      store: new FileRunStore(runs.path),
    });
    try {
      const hostile = runtime.run(workflow([{ id: 'bomb', uses: `${NAME}/x.y@1.0.0`, with: {} }]));
      const others = Array.from({ length: 3 }, (_, i) => runtime.run(workflow([{ id: 'v', set: { n: i } }])));
      const [bomb, ...rest] = await Promise.allSettled([hostile, ...others]);
      // Resolving the step's connector is part of checking the workflow: it is refused before it starts.
      expect(bomb).toMatchObject({
        status: 'rejected',
        reason: { message: expect.stringContaining(`the tarball of ${NAME}@1.0.0 unpacks to more than 128 MiB`) },
      });
      expect(rest.map((r) => r.status === 'fulfilled' && r.value.status)).toEqual([
        'completed',
        'completed',
        'completed',
      ]);
    } finally {
      await runtime.close();
      await runs.remove();
    }
  });
});
