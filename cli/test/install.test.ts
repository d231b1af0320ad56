import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Registry } from '@mova/registry';
import { ConnectorStore, createRuntime, FileRunStore } from '@mova/runtime';
import { sha512Integrity } from '@mova/runtime/lockfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../runtime/test/helpers.js';
import {
  escapeRegExp,
  GREETER,
  publishGreeter,
  type RegistryProxy,
  startProxy,
  startTestRegistry,
  tarballBytes,
} from '../../runtime/test/registry-support.js';
import { type CliResult, cli, expectOneLineError } from './cli.js';

describe('install and upgrade against a real registry', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let registry: Registry;
  let npmrc: string;
  /** `dist.integrity` of each published version, as the registry reports it. */
  const published: Record<string, string> = {};

  beforeAll(async () => {
    dir = await tempDir('mova-cli-install-');
    ({ registry, npmrc } = await startTestRegistry(dir.path));
    await publish('1.0.0', ['hello', 'bye']);
  }, 120_000);
  afterAll(async () => {
    await registry?.close();
    await dir?.remove();
  });

  async function publish(version: string, actions: ('hello' | 'bye' | 'wave')[], extra: string[] = []) {
    await publishGreeter(dir.path, registry, npmrc, version, actions, extra);
    const doc = (await (await fetch(`${registry.url}@mova%2fconnector-greeter`)).json()) as {
      versions: Record<string, { dist: { integrity: string } }>;
    };
    for (const [v, meta] of Object.entries(doc.versions)) published[v] = meta.dist.integrity;
  }

  /** A fresh project folder. */
  async function project(name: string): Promise<string> {
    const path = join(dir.path, 'projects', name);
    await mkdir(path, { recursive: true });
    return path;
  }

  /** The CLI with this suite's registry, data dir and config: nothing of the developer's is read. */
  function mova(args: string[], cwd: string, registryUrl = registry.url): Promise<CliResult> {
    return cli(args, cwd, {
      MOVA_REGISTRY: registryUrl,
      MOVA_REGISTRY_TOKEN: undefined,
      MOVA_CONFIG: join(dir.path, 'movarc'),
      MOVA_DATA_DIR: join(dir.path, 'data'),
    });
  }

  const lockOf = async (path: string) => JSON.parse(await readFile(join(path, 'mova.lock.json'), 'utf8'));
  const tarballUrl = (version: string) => `${registry.url}@mova/connector-greeter/-/connector-greeter-${version}.tgz`;

  it('installs github@^1-style references and writes mova.lock.json', async () => {
    const at = await project('a');
    const result = await mova(['install', 'greeter@^1'], at);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Installed ${GREETER}@1.0.0 (^1)`);
    expect(result.stdout).toContain(`integrity  ${published['1.0.0']}`);
    expect(result.stdout).toContain('actions    greet.hello, greet.bye');
    expect(result.stdout).toContain('use it     "uses": "greeter/greet.hello@^1"');
    expect(result.stdout).toContain('network    none declared');
    expect(result.stdout).toContain('Wrote mova.lock.json');
    const lock = await lockOf(at);
    expect(lock).toEqual({
      lockfileVersion: 1,
      connectors: {
        [GREETER]: {
          '1.0.0': {
            ranges: ['^1'],
            resolved: tarballUrl('1.0.0'),
            integrity: published['1.0.0'],
            contentIntegrity: expect.stringMatching(/^sha512-[A-Za-z0-9+/]{86}==$/),
            registry: registry.url,
          },
        },
      },
    });
    // Stored where `run` looks: the connector store in the data dir, by content integrity.
    const hex = Buffer.from(lock.connectors[GREETER]['1.0.0'].contentIntegrity.slice(7), 'base64').toString('hex');
    expect(await readdir(join(dir.path, 'data', 'connectors', 'content'))).toContain(hex);
    expect((await readFile(join(at, 'mova.lock.json'), 'utf8')).endsWith('}\n')).toBe(true);
  });

  it('defaults to ^<latest major> and answers --json', async () => {
    const at = await project('json');
    const result = await mova(['install', 'greeter', '--json'], at);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      lockfile: join(at, 'mova.lock.json'),
      registry: registry.url,
      installed: [
        {
          package: GREETER,
          range: '^1',
          version: '1.0.0',
          resolved: tarballUrl('1.0.0'),
          integrity: published['1.0.0'],
          contentIntegrity: expect.stringMatching(/^sha512-/),
          registry: registry.url,
          actions: ['greet.hello', 'greet.bye'],
          uses: 'greeter/greet.hello@^1',
          network: { allow: [], connectionHosts: [] },
        },
      ],
    });
  });

  it('installs running at once in one project each keep their entry in mova.lock.json', async () => {
    const at = await project('concurrent');
    const ranges = ['^1', '~1.0', '1.0.0', '>=1', '1.x', '^1.0.0', '~1.0.0', '<2'];
    const results = await Promise.all(ranges.map((range) => mova(['install', `greeter@${range}`], at)));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect((await lockOf(at)).connectors[GREETER]['1.0.0'].ranges).toEqual([...ranges].sort());
  });

  it('installs every range the workflows use when given no connector', async () => {
    const at = await project('from-workflows');
    await mkdir(join(at, 'flows'));
    const flow = {
      mova: '1.0',
      name: 'greet',
      inputs: { type: 'object' },
      steps: [
        { id: 'one', uses: 'greeter/greet.hello@^1', with: { name: 'Ada' } },
        // biome-ignore lint/suspicious/noThenProperty: a branch step's "then" is its list of steps
        { id: 'maybe', if: true, then: [{ id: 'two', uses: 'greeter/greet.bye@~1.0', with: { name: 'Ada' } }] },
        { id: 'page', uses: 'http_fetch', with: { url: 'http://127.0.0.1/' } },
      ],
    };
    await writeFile(join(at, 'flows', 'greet.json'), JSON.stringify(flow));
    const result = await mova(['install'], at);
    expect(result.code, result.stderr).toBe(0);
    expect((await lockOf(at)).connectors[GREETER]['1.0.0'].ranges).toEqual(['^1', '~1.0']);
    expectOneLineError(
      await mova(['install'], await project('empty')),
      2,
      /^Error: no workflow in .*empty uses a connector \(Name one to install, e\.g\. `mova-connector install github@\^1`/,
    );
  });

  it('says when no version matches, listing the versions there are', async () => {
    const at = await project('missing-version');
    const result = await mova(['install', 'greeter@9.9.9'], at);
    expectOneLineError(
      result,
      1,
      new RegExp(
        `^Error: no version of ${GREETER} matches "9\\.9\\.9" \\(Available: 1\\.0\\.0\\. Install the newest with \`mova-connector install greeter@\\^1\`\\.\\)$`,
      ),
    );
    expect(await readdir(at)).toEqual([]);
  });

  it('says when a connector is not in the registry, and when the registry is down', async () => {
    const at = await project('unknown');
    expectOneLineError(
      await mova(['install', 'greeterr'], at),
      1,
      /^Error: @mova\/connector-greeterr is not in the registry http:\/\/127\.0\.0\.1:\d+\/ \(Did you mean `mova-connector install greeter`\? Check the name, or find connectors with `mova-connector search greeterr`\.\)$/,
    );
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    expectOneLineError(
      await mova(['install', 'greeter', '--registry', `http://127.0.0.1:${port}/`], at),
      1,
      new RegExp(
        `^Error: cannot reach the registry http://127\\.0\\.0\\.1:${port}/ \\(.*ECONNREFUSED.*\\) \\(Check that the registry is running`,
      ),
    );
    expectOneLineError(
      await mova(['install', 'greeter@not-a-range'], at),
      2,
      /^Error: "not-a-range" is not a semver range/,
    );
    expect(await readdir(at)).toEqual([]);
  });

  it('refuses a tarball that does not match its published integrity', async () => {
    let proxy: RegistryProxy | undefined;
    try {
      proxy = await startProxy(registry.url);
      const other = await project('other');
      // One byte more than was published: only the digest can tell.
      const tampered = Buffer.concat([await tarballBytes(registry.url, '1.0.0'), Buffer.from('x')]);
      proxy.replace.set('connector-greeter-1.0.0.tgz', tampered);
      const result = await mova(
        ['install', 'greeter@1.0.0', '--data-dir', join(dir.path, 'other-data')],
        other,
        proxy.url,
      );
      expectOneLineError(
        result,
        1,
        new RegExp(
          `^Error: refused ${GREETER}@1\\.0\\.0: the tarball at ${escapeRegExp(proxy.url)}\\S+ hashes to ${escapeRegExp(sha512Integrity(tampered))}, but registry ${escapeRegExp(proxy.url)} pins ${escapeRegExp(published['1.0.0'] ?? '')} \\(Nothing was stored\\.`,
        ),
      );
      expect(await readdir(other)).toEqual([]);
      expect(await readdir(join(dir.path, 'other-data')).catch(() => [])).toEqual([]);
    } finally {
      await proxy?.close();
    }
  });

  it('runs what it installed from the store and the lockfile, with the registry gone', async () => {
    const at = await project('offline');
    const data = join(dir.path, 'offline-data');
    const proxy = await startProxy(registry.url);
    try {
      const installed = await mova(['install', 'greeter@^1', '--data-dir', data], at, proxy.url);
      expect(installed.code, installed.stderr).toBe(0);
    } finally {
      await proxy.close();
    }
    const lock = await lockOf(at);
    const runs = await tempDir();
    const runtime = createRuntime({
      lockfile: join(at, 'mova.lock.json'),
      registry: { url: proxy.url },
      connectorStore: new ConnectorStore(join(data, 'connectors')),
      store: new FileRunStore(runs.path),
    });
    try {
      const result = await runtime.run({
        mova: '1.0',
        name: 'offline',
        inputs: { type: 'object' },
        steps: [{ id: 'hi', uses: 'greeter/greet.bye@^1', with: { name: 'Ada' } }],
      });
      expect(result).toMatchObject({ status: 'completed', output: { text: 'bye Ada', version: '1.0.0' } });
      const record = await runtime.store.getRun(result.runId);
      expect(record?.steps[0]).toMatchObject({
        connector: `${GREETER}@1.0.0`,
        connectorIntegrity: lock.connectors[GREETER]['1.0.0'].contentIntegrity,
      });
    } finally {
      await runtime.close();
      await runs.remove();
    }
  });

  it('run fetches a locked version missing from the store with the token of the registry the lockfile names', async () => {
    const at = await project('private');
    const proxy = await startProxy(registry.url, { token: 'private-read-token' });
    const withToken = {
      MOVA_REGISTRY: proxy.url,
      MOVA_REGISTRY_TOKEN: 'private-read-token',
      MOVA_CONFIG: join(dir.path, 'movarc'),
    };
    try {
      const installed = await cli(
        ['install', 'greeter@^1', '--data-dir', join(dir.path, 'private-install')],
        at,
        withToken,
      );
      expect(installed.code, installed.stderr).toBe(0);
      await writeFile(
        join(at, 'hello.json'),
        JSON.stringify({
          mova: '1.0',
          name: 'hello',
          inputs: { type: 'object' },
          steps: [{ id: 'hi', uses: 'greeter/greet.hello@^1', with: { name: 'Ada' } }],
        }),
      );
      // A data dir whose connector store is empty: the run must download what the lockfile pins.
      const fresh = { ...withToken, MOVA_DATA_DIR: join(dir.path, 'private-run') };
      const denied = await cli(['run', 'hello.json'], at, { ...fresh, MOVA_REGISTRY_TOKEN: undefined });
      expectOneLineError(
        denied,
        1,
        /^hello\.json#\/steps\/0\/uses: http:\/\/127\.0\.0\.1:\d+\/ refused to give the tarball \(401\) at .* \(The registry needs a token for this package: log in \(mova-connector login\) or set MOVA_REGISTRY_TOKEN\.\)$/,
      );
      const ran = await cli(['run', 'hello.json', '--json'], at, fresh);
      expect(ran.code, ran.stderr).toBe(0);
      expect(JSON.parse(ran.stdout)).toMatchObject({ status: 'completed', steps: [{ connector: `${GREETER}@1.0.0` }] });
      expect(proxy.requests.tarballs.filter((path) => path.endsWith('connector-greeter-1.0.0.tgz'))).toHaveLength(3);
    } finally {
      await proxy.close();
    }
  });

  describe('upgrade', () => {
    const a = () => join(dir.path, 'projects', 'a');
    const b = () => join(dir.path, 'projects', 'b');

    // Project a locked ^1 at 1.0.0 above; b locks >=1 at 1.1.0 here. Then 2.0.0 drops greet.bye.
    beforeAll(async () => {
      await publish('1.1.0', ['hello', 'bye', 'wave']);
      const wide = await mova(['install', 'greeter@>=1'], await project('b'));
      expect(wide.code, wide.stderr).toBe(0);
      await publish('2.0.0', ['hello', 'wave']);
    });

    it('moves a range to the newest version it allows, never across it', async () => {
      const upgraded = await mova(['upgrade'], a());
      expect(upgraded.code, upgraded.stderr).toBe(0);
      expect(upgraded.stdout).toContain('greeter ^1: 1.0.0 → 1.1.0');
      // greet.wave arrived with a host of its own: the upgrade says so.
      expect(upgraded.stderr).toMatch(
        /greeter 1\.1\.0 asks for more network access than 1\.0\.0: new network host: waves\.greeter\.test/,
      );
      expect(upgraded.stdout).toContain('Updated mova.lock.json');
      const lock = await lockOf(a());
      expect(Object.keys(lock.connectors[GREETER])).toEqual(['1.1.0']);
      expect(lock.connectors[GREETER]['1.1.0']).toMatchObject({
        ranges: ['^1'],
        resolved: tarballUrl('1.1.0'),
        integrity: published['1.1.0'],
      });
    });

    it('with --safe, stays below a version that breaks workflows and names the breaking change', async () => {
      const before = await readFile(join(b(), 'mova.lock.json'), 'utf8');
      const safe = await mova(['upgrade', 'greeter', '--safe'], b());
      expect(safe.code, safe.stderr).toBe(0);
      expect(safe.stdout).toContain('greeter >=1: stays at 1.1.0');
      expect(safe.stdout).toContain(
        '  skipped 2.0.0, it breaks workflows: action greet.bye was removed (/actions/greet.bye)',
      );
      expect(safe.stdout).toContain('mova.lock.json is up to date');
      expect(await readFile(join(b(), 'mova.lock.json'), 'utf8')).toBe(before);
    });

    it('with --safe, judges each workflow: a version one of two workflows on a range breaks is refused, naming it', async () => {
      const shared = await project('shared');
      await writeFile(join(shared, 'mova.lock.json'), await readFile(join(b(), 'mova.lock.json'), 'utf8'));
      const flow = (name: string, action: string) =>
        writeFile(
          join(shared, `${name}.json`),
          JSON.stringify({
            mova: '1.0',
            name,
            steps: [{ id: 'greet', uses: `greeter/greet.${action}@>=1`, with: { name: 'Ada' } }],
            output: { text: '{{ steps.greet.output.text }}' },
          }),
        );
      await flow('farewell', 'bye');
      await flow('welcome', 'hello');
      const json = await mova(['upgrade', '--safe', '--json'], shared);
      expect(json.code, json.stderr).toBe(0);
      const [result] = JSON.parse(json.stdout).upgrades;
      expect(result).toMatchObject({ from: '1.1.0', to: '1.1.0', skipped: [{ version: '2.0.0' }] });
      expect(result.skipped[0].workflows).toEqual([
        {
          file: join(shared, 'farewell.json'),
          breaks: [
            {
              step: 'greet',
              pointer: '/steps/0',
              uses: 'greeter/greet.bye@>=1',
              changes: [{ kind: 'breaking', pointer: '/actions/greet.bye', message: 'action greet.bye was removed' }],
              rewrites: [],
            },
          ],
        },
        { file: join(shared, 'welcome.json'), breaks: [] },
      ]);
      const text = await mova(['upgrade', '--safe'], shared);
      expect(text.stdout).toContain('greeter >=1: stays at 1.1.0');
      expect(text.stdout).toContain('  skipped 2.0.0, it breaks farewell.json:');
      expect(text.stdout).toContain(
        '    farewell.json step greet (greeter/greet.bye@>=1): action greet.bye was removed',
      );
      expect(text.stdout).toContain(
        '  welcome.json would keep working on 2.0.0, but shares the range >=1, which is locked as one',
      );
      // Once no workflow calls greet.bye, 2.0.0 breaks nothing that is used: --safe takes it.
      await rm(join(shared, 'farewell.json'));
      const taken = await mova(['upgrade', '--safe'], shared);
      expect(taken.code, taken.stderr).toBe(0);
      expect(taken.stdout).toContain('greeter >=1: 1.1.0 → 2.0.0');
    });

    it('without --safe, takes the newest version the range allows', async () => {
      const unsafe = await mova(['upgrade', '--json'], b());
      expect(unsafe.code, unsafe.stderr).toBe(0);
      expect(JSON.parse(unsafe.stdout)).toMatchObject({
        changed: true,
        upgrades: [{ package: GREETER, range: '>=1', from: '1.1.0', to: '2.0.0', skipped: [], moreNetwork: [] }],
      });
      expect((await lockOf(b())).connectors[GREETER]['2.0.0'].integrity).toBe(published['2.0.0']);
    });

    it('picks as npm does: latest wins inside the range; next and backports only when asked for', async () => {
      // 2.1.0-beta.1 and 2.1.0 under `next`, a backport 1.1.1 under `latest-1`: latest stays 2.0.0.
      await publish('2.1.0-beta.1', ['hello', 'wave'], ['--tag', 'next']);
      await publish('2.1.0', ['hello', 'wave'], ['--tag', 'next']);
      await publish('1.1.1', ['hello', 'bye', 'wave'], ['--tag', 'latest-1']);
      const stays = await mova(['upgrade', '--json'], b());
      expect(JSON.parse(stays.stdout)).toMatchObject({ changed: false, upgrades: [{ from: '2.0.0', to: '2.0.0' }] });

      const fresh = await project('tags');
      const installed = await mova(['install', 'greeter', 'greeter@^2', 'greeter@next', 'greeter@^1', '--json'], fresh);
      expect(installed.code, installed.stderr).toBe(0);
      expect(
        JSON.parse(installed.stdout).installed.map((i: { range: string; version: string }) => [i.range, i.version]),
      ).toEqual([
        ['^2', '2.0.0'],
        ['^2', '2.0.0'],
        ['^2.1.0', '2.1.0'],
        ['^1', '1.1.1'],
      ]);
      const text = await mova(['install', 'greeter@next'], fresh);
      expect(text.stdout).toContain('Installed @mova/connector-greeter@2.1.0 (^2.1.0)');
      expect(text.stdout).toContain('use it     "uses": "greeter/greet.hello@^2.1.0"');
      expectOneLineError(
        await mova(['install', 'greeter@nxt'], fresh),
        2,
        /^Error: "nxt" is not a semver range, nor a dist-tag of @mova\/connector-greeter \(.*, or one of its tags: latest, next, latest-1\.\)$/,
      );
    });

    it('says what to do when there is nothing to upgrade', async () => {
      expectOneLineError(
        await mova(['upgrade', 'slack'], b()),
        2,
        /^Error: mova\.lock\.json does not lock @mova\/connector-slack \(Install it first: `mova-connector install slack`\.\)$/,
      );
      expectOneLineError(
        await mova(['upgrade'], await project('nothing-locked')),
        2,
        /^Error: there is no mova\.lock\.json to upgrade/,
      );
    });
  });
});
