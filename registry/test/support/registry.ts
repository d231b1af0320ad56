import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Registry, type RegistryOptions, startRegistry } from '../../src/index.js';

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `mova-registry-${prefix}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** A registry on a free loopback port over a temp data dir, logging only errors. */
export function startTestRegistry(storage: string, options: RegistryOptions = {}): Promise<Registry> {
  return startRegistry({ port: 0, storage, logLevel: 'error', ...options });
}

/** Creates an account the way `npm adduser` does and returns its token. */
export async function addUser(registry: Registry, name: string): Promise<string> {
  const response = await fetch(new URL(`-/user/org.couchdb.user:${encodeURIComponent(name)}`, registry.url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: `${name}-password-1`, type: 'user' }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (response.status !== 201 || !body.token) throw new Error(`adduser ${name}: ${response.status} ${body.error}`);
  return body.token;
}

/**
 * Writes an npm user config for one account (or none): registry, its token, and a cache of its own,
 * so neither ~/.npmrc nor ~/.npm is read or touched.
 */
export async function userConfig(dir: string, registry: Registry, label: string, token?: string): Promise<string> {
  const file = join(dir, `npmrc-${label}`);
  const host = registry.url.replace(/^https?:/, '');
  const lines = [
    `registry=${registry.url}`,
    `cache=${join(dir, `npm-cache-${label}`)}`,
    'audit=false',
    'fund=false',
    'update-notifier=false',
  ];
  if (token) lines.push(`${host}:_authToken=${token}`);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

export async function getJson(registry: Registry, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(path, registry.url));
  return { status: response.status, body: await response.json() };
}
