import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { type Registry, type RegistryOptions, startRegistry } from '../../src/index.js';

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `mova-registry-${prefix}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** A registry on a free loopback port over a temp data dir, logging only errors. */
export function startTestRegistry(storage: string, options: RegistryOptions = {}): Promise<Registry> {
  // Admins get the password addUser signs in with, so tests sign in as them the same way.
  const adminPasswords = Object.fromEntries((options.admins ?? []).map((name) => [name, `${name}-password-1`]));
  return startRegistry({ port: 0, storage, logLevel: 'error', adminPasswords, ...options });
}

/**
 * Creates an account the way `npm adduser` does (or, for one that exists, such as an admin the
 * registry created at start, signs in the way `npm login` does) and returns its token.
 */
export async function addUser(registry: Registry, name: string): Promise<string> {
  const url = new URL(`-/user/org.couchdb.user:${encodeURIComponent(name)}`, registry.url);
  const password = `${name}-password-1`;
  const put = (headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ name, password, type: 'user' }),
    });
  let response = await put();
  if (response.status === 409) {
    response = await put({ authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` });
  }
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

/**
 * A plain package `name@version` packed in-process (its bytes differ by `flavour`), and the body
 * `npm publish` sends for it: quicker than npm pack where a test publishes many.
 */
export async function publishedBody(dir: string, registryUrl: string, name: string, version: string, flavour: string) {
  const folder = join(dir, 'packed', `${name.replace(/[@/]/g, '_')}-${version}-${flavour}`, 'package');
  await mkdir(folder, { recursive: true });
  const pkg = { name, version, main: 'index.js', license: 'MIT' };
  await writeFile(join(folder, 'package.json'), JSON.stringify(pkg));
  await writeFile(join(folder, 'index.js'), `export const flavour = ${JSON.stringify(flavour)};\n`);
  const chunks: Buffer[] = [];
  for await (const chunk of tar.c({ gzip: true, cwd: join(folder, '..') }, ['package'])) chunks.push(chunk as Buffer);
  const tarball = Buffer.concat(chunks);
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
  const filename = `${name.replace(/^@[^/]+\//, '')}-${version}.tgz`;
  return {
    integrity,
    body: {
      _id: name,
      name,
      'dist-tags': { latest: version },
      versions: {
        [version]: {
          ...pkg,
          _id: `${name}@${version}`,
          dist: {
            integrity,
            shasum: createHash('sha1').update(tarball).digest('hex'),
            tarball: `${registryUrl}${name}/-/${filename}`,
          },
        },
      },
      _attachments: {
        [filename]: {
          content_type: 'application/octet-stream',
          data: tarball.toString('base64'),
          length: tarball.length,
        },
      },
    },
  };
}
