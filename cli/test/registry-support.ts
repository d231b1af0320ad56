import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Registry, startRegistry } from '@mova/registry';
import type { Packument } from '@mova/runtime/registry';
import { MovaRegistry } from '../src/registry/client.js';
import { type CliResult, cli } from './cli.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A registry in this test process (on a free loopback port, over a temp data dir) and a sandbox
 * for the CLI: its own ~/.movarc (MOVA_CONFIG) and npm cache, so nothing of the user's is read or
 * written. The CLI runs as a child process, spawned asynchronously: a synchronous spawn would
 * block the registry it talks to.
 */
export interface RegistrySandbox {
  registry: Registry;
  root: string;
  movarc: string;
  /** Runs `mova-connector` with the sandbox's environment (plus `env`). */
  run(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  /** The same, in another working directory (a workflow project, say). */
  runIn(cwd: string, args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  close(): Promise<void>;
}

export async function registrySandbox(prefix: string, admins: string[] = ['mova']): Promise<RegistrySandbox> {
  const root = await mkdtemp(join(tmpdir(), `mova-cli-${prefix}-`));
  // Admin accounts exist from the start (the registry creates them); tests sign in as `<name>` / `<name>-pw-1`.
  const adminPasswords = Object.fromEntries(admins.map((name) => [name, `${name}-pw-1`]));
  const registry = await startRegistry({
    port: 0,
    storage: join(root, 'registry'),
    admins,
    adminPasswords,
    logLevel: 'error',
  });
  const movarc = join(root, 'movarc.json');
  const env = {
    MOVA_CONFIG: movarc,
    MOVA_DATA_DIR: join(root, 'data'),
    MOVA_REGISTRY: undefined,
    MOVA_REGISTRY_TOKEN: undefined,
    npm_config_cache: join(root, 'npm-cache'),
    NO_UPDATE_NOTIFIER: '1',
  };
  return {
    registry,
    root,
    movarc,
    run: (args, extra = {}) => cli(args, root, { ...env, ...extra }),
    runIn: (cwd, args, extra = {}) => cli(args, cwd, { ...env, ...extra }),
    async close() {
      await registry.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * A copy of a first-party connector under `<root>/<label>/connectors/<name>`, so publishing (which
 * builds, and so writes dist/, the manifest and the README) leaves the repo alone. node_modules is
 * linked, not copied: the pnpm store behind it resolves from anywhere; the repo's base tsconfig
 * sits where the package's tsconfig expects it.
 */
export async function copyConnector(root: string, name: string, label = name): Promise<string> {
  const base = join(root, label);
  const dir = join(base, 'connectors', name);
  const source = join(REPO, 'connectors', name);
  await mkdir(dir, { recursive: true });
  await cp(join(REPO, 'tsconfig.base.json'), join(base, 'tsconfig.base.json'));
  await cp(source, dir, { recursive: true, filter: (path) => !path.startsWith(join(source, 'node_modules')) });
  await symlink(join(source, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Rewrites a copied package's package.json version. */
export async function setVersion(dir: string, version: string): Promise<void> {
  const path = join(dir, 'package.json');
  const pkg = JSON.parse(await readFile(path, 'utf8'));
  await writeFile(path, `${JSON.stringify({ ...pkg, version }, null, 2)}\n`);
}

/** The JSON a command printed with --json. */
export function jsonOf<T>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code})\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
}

/** Creates an account directly (as `npm adduser` does) and returns its token. */
export async function addUser(registry: Registry, name: string): Promise<string> {
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, registry.url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: `${name}-password-1` }),
  });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error(`adduser ${name}: ${response.status}`);
  return body.token;
}

/** The package document the registry serves, read without a token. */
export async function packumentOf(registry: Registry, name: string): Promise<Packument | undefined> {
  return new MovaRegistry({ url: registry.url, source: { url: 'flag' } }).packument(name);
}
