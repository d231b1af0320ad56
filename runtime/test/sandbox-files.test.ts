import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Auth, buildManifest, defineAction, defineConnector, type FsPolicy, Type } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorTarget } from '../src/host/types.js';
import { SandboxError } from '../src/sandbox/errors.js';
import { SandboxHost } from '../src/sandbox/host.js';
import { connectionPaths } from '../src/sandbox/policy.js';

// A connector that declares one connection file (fs.connectionPaths) may open that file and its
// declared siblings, and nothing else: not its neighbours, not the directory listing, not a path
// through `..` or a symlink it plants. Both process sandboxes are run: inside OS namespaces and
// (weak) Node's permission model alone. A worker is never used for such a connector.
const BUNDLE = fileURLToPath(new URL('fixtures/sandbox/file-reader/connector.mjs', import.meta.url));
const never = new AbortController().signal;
const fs: FsPolicy = { connectionPaths: ['filename'], siblingSuffixes: ['-journal', '-wal'] };

function target(pkg = '@mova/connector-file-reader'): ConnectorTarget {
  const keys = ['readOwn', 'writeOwn', 'writeSibling', 'readOther', 'writeOther', 'listDirectory'];
  const connector = defineConnector({
    name: 'file-reader',
    title: 'File reader',
    description: 'Tries files (test fixture)',
    categories: [],
    auth: Auth.custom({ fields: Type.Object({ filename: Type.String() }) }),
    actions: keys.map((key) =>
      defineAction({ key, title: key, input: Type.Object({}), output: Type.Any(), run: async () => ({}) }),
    ),
    fs,
  });
  return {
    manifest: buildManifest(connector, { name: pkg, version: '1.0.0' }),
    bundlePath: BUNDLE,
    integrity: `sha512-test-${pkg}`,
  };
}

let root: string;
let data: string;
let secret: string;
let filename: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mova-sandbox-files-'));
  data = join(root, 'data');
  await mkdir(data);
  filename = join(data, 'app.db');
  await writeFile(filename, 'own contents');
  await writeFile(join(data, 'neighbour.txt'), 'neighbour secret');
  secret = join(root, 'secret.txt');
  await writeFile(secret, 'outside secret');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe.each(['auto', 'off'] as const)('a connector that declares a connection file (OS sandbox %s)', (osSandbox) => {
  let host: SandboxHost;
  const call = (key: string, input: unknown = {}, auth: unknown = { filename }) =>
    host.invoke(target(), key, input, auth, { signal: never, timeoutMs: 10_000 });

  beforeAll(async () => {
    // Trusted scope and isolation 'worker' asked for: declaring files still means a process.
    host = new SandboxHost({ isolation: 'worker', osSandbox });
    if (osSandbox === 'auto') {
      expect((await host.processSandboxStrength()).strength, 'bubblewrap should work on this machine').toBe('strong');
    }
  });
  afterAll(() => host.close());

  it('runs in a process sandbox, even for a trusted scope and isolation: worker', () => {
    expect(host.isolationOf(target().manifest)).toBe('process');
  });

  it('reads and writes the file its connection names, and its declared siblings', async () => {
    await writeFile(filename, 'own contents');
    expect(await call('readOwn')).toEqual({ outcome: 'done', value: 'own contents' });
    expect(await call('writeOwn', { text: 'rewritten' })).toEqual({ outcome: 'done', value: null });
    expect(await readFile(filename, 'utf8')).toBe('rewritten');
    expect(await call('writeSibling')).toEqual({ outcome: 'done', value: null });
    expect(existsSync(`${filename}-journal`)).toBe(false);
  });

  it('is refused every other path: outside, beside it, its directory, through .. or a planted symlink', async () => {
    expect(await call('readOther', { path: secret })).toEqual({ outcome: 'refused: ERR_ACCESS_DENIED' });
    expect(await call('writeOther', { path: join(root, 'planted.txt') })).toEqual({
      outcome: 'refused: ERR_ACCESS_DENIED',
    });
    expect(await call('writeOther', { path: join(data, 'planted.txt') })).toEqual({
      outcome: 'refused: ERR_ACCESS_DENIED',
    });
    expect(await call('listDirectory')).toEqual({ outcome: 'refused: ERR_ACCESS_DENIED' });
    expect(await call('readNeighbour')).toEqual({ outcome: 'refused: ERR_ACCESS_DENIED' });
    expect((await call('readThroughDots')) as { outcome: string }).not.toMatchObject({ outcome: 'done' });
    expect(await call('symlinkOut', { path: secret })).toEqual({ outcome: 'refused: ERR_ACCESS_DENIED' });
    expect(existsSync(join(root, 'planted.txt'))).toBe(false);
    expect(existsSync(join(data, 'planted.txt'))).toBe(false);
    expect(existsSync(`${filename}-wal`)).toBe(false);
  });

  it('a second connection naming another file gets that file only, in a sandbox of its own', async () => {
    const other = join(root, 'other', 'b.db');
    await mkdir(join(root, 'other'), { recursive: true });
    await writeFile(other, 'second file');
    expect(await call('readOwn', {}, { filename: other })).toEqual({ outcome: 'done', value: 'second file' });
    expect(await call('readOther', { path: filename }, { filename: other })).toEqual({
      outcome: 'refused: ERR_ACCESS_DENIED',
    });
  });

  it('refuses, before starting anything, a relative path or one in a directory that does not exist', async () => {
    for (const bad of ['app.db', `${data}/../data/app.db`, join(root, 'missing', 'app.db'), '/app.db']) {
      const error = await call('readOwn', {}, { filename: bad }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, bad).toBeInstanceOf(SandboxError);
      expect(error).toMatchObject({ failure: 'files', kind: 'invalid_input' });
      expect((error as SandboxError).hint).toBeTruthy();
    }
  });
});

describe('connectionPaths', () => {
  it('grants the named files with their sibling suffixes, and nothing for a connector that declares none', () => {
    const manifest = target().manifest;
    expect(connectionPaths(manifest, { filename: '/srv/app/data.db' })).toEqual([
      '/srv/app/data.db',
      '/srv/app/data.db-journal',
      '/srv/app/data.db-wal',
    ]);
    expect(connectionPaths(manifest, {})).toEqual([]);
    expect(connectionPaths({ ...manifest, fs: undefined }, { filename: '/srv/app/data.db' })).toEqual([]);
  });
});
