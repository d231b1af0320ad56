import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Registry, startRegistry } from '@mova/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without type declarations
import { pnpm } from '../../scripts/pnpm.mjs';
// @ts-expect-error: a plain .mjs script, without type declarations
import { publishToolkit } from '../../scripts/publish-toolkit.mjs';
import { type CliResult, cli, command } from './cli.js';
import { type StoreRegistry, storeRegistry } from './store-registry.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** What scripts/publish-toolkit.mjs returns per package. */
interface Published {
  name: string;
  version: string;
  published: boolean;
}

// The CLI and the SDK reached outside the checkout, as the demo makes them: a MOVA registry holding
// @mova/sdk, @mova/runtime, @mova/registry and @mova/cli (published by the demo's own code), its
// uplink a loopback registry serving this checkout's installed third-party packages (the demo's is
// the user's npm registry; a test leaves the machine never). npm runs with a PATH of node's folder
// and the system ones, its own cache and global prefix.
describe('the CLI and the SDK installed from a MOVA registry', () => {
  let home: string;
  let store: StoreRegistry;
  let registry: Registry;
  let env: Record<string, string | undefined>;
  const npm = (args: string[], cwd: string) => command(join(dirname(process.execPath), 'npm'), args, cwd, env);
  const ok = (result: CliResult, what: string) =>
    expect(result.code, `${what}\n${result.stdout}\n${result.stderr}`).toBe(0);

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'mova-toolkit-'));
    store = await storeRegistry(REPO);
    registry = await startRegistry({
      port: 0,
      storage: join(home, 'registry'),
      uplink: store.url,
      admins: ['mova'],
      adminPasswords: { mova: 'mova-pw-1' },
      logLevel: 'error',
    });
    env = {
      HOME: home,
      PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter),
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
      MOVA_CONFIG: join(home, 'movarc.json'),
      MOVA_DATA_DIR: join(home, 'data'),
      npm_config_cache: join(home, 'npm-cache'),
      npm_config_prefix: join(home, 'global'),
      // Anything npm asks for outside @mova goes to the MOVA registry too, never to a public one.
      npm_config_registry: registry.url,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    };
    ok(await cli(['login', '--registry', registry.url, '-u', 'mova', '-p', 'mova-pw-1'], home, env), 'login');
    const token = JSON.parse(await readFile(join(home, 'movarc.json'), 'utf8')).tokens[registry.url];
    const published: Published[] = await publishToolkit({
      root: REPO,
      url: registry.url,
      token,
      pnpm: pnpm(),
      log: () => {},
    });
    expect(published.map((p) => [p.name, p.published])).toEqual([
      ['@mova/sdk', true],
      ['@mova/runtime', true],
      ['@mova/registry', true],
      ['@mova/cli', true],
    ]);
  }, 300_000);

  afterAll(async () => {
    await registry?.close();
    await store?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('publishing again skips what the registry holds', async () => {
    const token = JSON.parse(await readFile(join(home, 'movarc.json'), 'utf8')).tokens[registry.url];
    const again: Published[] = await publishToolkit({
      root: REPO,
      url: registry.url,
      token,
      pnpm: pnpm(),
      log: () => {},
    });
    expect(again.every((p) => !p.published)).toBe(true);
  });

  it('npm i -g @mova/cli --registry <it> installs a mova-connector that scaffolds from the registry', async () => {
    const install = await npm(['install', '-g', '@mova/cli', '--registry', registry.url], home);
    ok(install, 'npm install -g @mova/cli');
    // Third-party packages came through the uplink; MOVA's scope never does.
    expect(store.served.has('@oclif/core')).toBe(true);
    expect([...store.served].some((name) => name.startsWith('@mova/'))).toBe(false);
    const bin = join(home, 'global', 'bin', 'mova-connector');
    const version = await command(bin, ['--version'], home, env);
    ok(version, 'mova-connector --version');
    const own = JSON.parse(await readFile(join(REPO, 'cli', 'package.json'), 'utf8')).version;
    expect(version.stdout).toContain(`@mova/cli/${own}`);

    // `login` saved the registry in movarc: the installed CLI's scaffold names it for @mova.
    const dir = join(home, 'acme');
    const init = await command(bin, ['init', 'acme', '--yes', '--dir', dir, '--template', 'http'], home, env);
    ok(init, 'init (installed CLI)');
    expect(await readFile(join(dir, '.npmrc'), 'utf8')).toBe(`@mova:registry=${registry.url}\n`);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg.devDependencies['@mova/sdk']).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(existsSync(join(dir, 'node_modules', '@mova', 'sdk', 'package.json'))).toBe(true);
    ok(await npm(['run', 'build'], dir), 'npm run build in the scaffold');
    ok(await command(bin, ['validate'], dir, env), 'mova-connector validate in the scaffold');
  }, 600_000);

  it('init from the checkout with --registry asks the registry for @mova/sdk instead of linking folders', async () => {
    const dir = join(home, 'from-checkout');
    const init = await cli(['init', 'acme', '--yes', '--no-install', '--dir', dir, '--registry', registry.url], home, {
      ...env,
      MOVA_CONFIG: join(home, 'none.json'),
    });
    ok(init, 'init --registry');
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const sdk = JSON.parse(await readFile(join(REPO, 'sdk', 'package.json'), 'utf8')).version;
    expect(pkg.devDependencies['@mova/sdk']).toBe(`^${sdk}`);
    expect(JSON.stringify(pkg)).not.toContain('file:');
    expect(await readFile(join(dir, '.npmrc'), 'utf8')).toBe(`@mova:registry=${registry.url}\n`);
    expect(init.stdout).toContain(`come from ${registry.url} (.npmrc)`);
  });

  it('init --registry refuses a registry that lacks the checkout versions, and says how to publish them', async () => {
    const empty = await startRegistry({ port: 0, storage: join(home, 'empty'), logLevel: 'error' });
    try {
      const dir = join(home, 'refused');
      const init = await cli(
        ['init', 'acme', '--yes', '--no-install', '--dir', dir, '--registry', empty.url],
        home,
        env,
      );
      expect(init.code).not.toBe(0);
      expect(init.stderr).toContain(`${empty.url} does not hold @mova/sdk@`);
      expect(init.stderr).toContain('npm run demo');
      expect(existsSync(dir)).toBe(false);
    } finally {
      await empty.close();
    }
  });
});
