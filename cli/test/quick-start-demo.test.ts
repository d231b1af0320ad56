import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lockfile } from '@mova/runtime/lockfile';
import { ensureService, localServices } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from './cli.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

// README's first command, typed by a newcomer: a fresh clone of this repository's HEAD, a PATH that
// holds only node and the system folders (no global pnpm: set-up must bring its own), then
// `npm run setup`, and set-up again (it must work twice). The demo's folder, the registry's storage
// and the run store go to a temp dir; the registry takes a free port. Installs reuse this machine's
// warm npm cache and pnpm store (prefer-offline), so nothing is downloaded when they are warm.
describe('README quick start on a fresh clone with only node and npm on the PATH', () => {
  let home: string;
  let clone: string;
  let env: Record<string, string | undefined>;
  const npm = (args: string[]) => command(join(dirname(process.execPath), 'npm'), args, clone, env);

  beforeAll(async () => {
    await ensureService(localServices.postgres);
    home = await mkdtemp(join(tmpdir(), 'mova-quick-start-'));
    clone = join(home, 'clone');
    const git = await command('git', ['clone', '--quiet', REPO, clone], home, process.env);
    expect(git.code, git.stderr).toBe(0);
    const path = [dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter);
    env = {
      HOME: process.env.HOME,
      PATH: path,
      CI: process.env.CI,
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      MOVA_DEMO_DIR: join(home, 'demo'),
      MOVA_REGISTRY_STORAGE: join(home, 'registry'),
      MOVA_DATA_DIR: join(home, 'data'),
      MOVA_REGISTRY_PORT: '0',
    };
    const pnpm = await command('/bin/sh', ['-c', 'command -v pnpm'], clone, env);
    expect(pnpm.code, `this test needs a PATH without pnpm, found ${pnpm.stdout}`).not.toBe(0);
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('npm run setup installs its own pnpm, builds, publishes every connector and runs the demo workflow pinned', async () => {
    const folders = await readdir(join(clone, 'connectors'));
    const n = folders.filter((name) => existsSync(join(clone, 'connectors', name, 'package.json'))).length;
    const first = await npm(['run', 'setup']);
    expect(first.code, `${first.stdout}\n${first.stderr}`).toBe(0);
    expect(first.stdout).toContain('installing pnpm@');
    expect(first.stdout).toContain(`Publishing ${n} of ${n} first-party connectors\n`);
    expect(first.stdout).toMatch(new RegExp(`\\n${n} of ${n} connectors on http://127\\.0\\.0\\.1:\\d+/\\n`));
    expect(first.stdout).toMatch(/Run \S+ completed in/);
    expect(first.stdout).toMatch(new RegExp(`Demo done: ${n} connectors with \\d+ actions are in the registry`));

    const lock = JSON.parse(await readFile(join(home, 'demo', 'project', 'mova.lock.json'), 'utf8')) as Lockfile;
    expect(Object.keys(lock.connectors).sort()).toEqual(['@mova/connector-http', '@mova/connector-postgres']);
    const [version, postgres] = Object.entries(lock.connectors['@mova/connector-postgres'] ?? {})[0] ?? [];
    expect(postgres?.integrity).toMatch(/^sha512-/);
    // What ran is what the lockfile pins: the run record's digest, as the demo prints it.
    expect(first.stdout).toContain(`  summary  @mova/connector-postgres@${version}  ${postgres?.contentIntegrity}`);

    const again = await npm(['run', 'setup']);
    expect(again.code, `${again.stdout}\n${again.stderr}`).toBe(0);
    expect(again.stdout).toContain(`All ${n} first-party connectors are in the registry already`);
    expect(again.stdout).toContain(`Demo done: ${n} connectors`);
  }, 900_000);

  it('the demo refuses a chosen port that is taken instead of moving elsewhere', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const result = await command(process.execPath, ['scripts/demo.mjs'], clone, {
        ...env,
        MOVA_REGISTRY_PORT: String(port),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${port} (MOVA_REGISTRY_PORT) is in use`);
      expect(result.stdout).not.toContain('MOVA registry on');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
