import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Registry, startRegistry } from '@mova/registry';
import { buildManifest, MANIFEST_FILE } from '@mova/sdk';
import { bundleConnector } from './bundle-connector.js';

export const PUBLISHER = 'mova-test';
export const GREETER = '@mova/connector-greeter';

/** The actions a greeter fixture version can carry; each answers with its version, so a test sees which ran. */
export type GreeterAction = 'hello' | 'bye' | 'wave';

/** A registry on a free loopback port over `dir`, owned by PUBLISHER, who may publish into @mova. */
export async function startTestRegistry(dir: string): Promise<{ registry: Registry; token: string; npmrc: string }> {
  const registry = await startRegistry({
    port: 0,
    storage: join(dir, 'registry'),
    logLevel: 'error',
    admins: [PUBLISHER],
    // The registry creates its admins at start; this is the password addUser signs in with.
    adminPasswords: { [PUBLISHER]: `${PUBLISHER}-password-1` },
  });
  const token = await addUser(registry.url, PUBLISHER);
  const npmrc = join(dir, 'npmrc');
  const host = registry.url.replace(/^https?:/, '');
  // A user config of its own (registry, token, cache): ~/.npmrc and ~/.npm are never read or written.
  await writeFile(
    npmrc,
    [
      `registry=${registry.url}`,
      `${host}:_authToken=${token}`,
      `cache=${join(dir, 'npm-cache')}`,
      'audit=false',
      'fund=false',
      'update-notifier=false',
      '',
    ].join('\n'),
  );
  return { registry, token, npmrc };
}

/** Creates an account the way `npm adduser` does (signs in, as `npm login` does, when it exists) and returns its token. */
export async function addUser(registryUrl: string, name: string): Promise<string> {
  const url = new URL(`-/user/org.couchdb.user:${encodeURIComponent(name)}`, registryUrl);
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

/** The source of a greeter version, written as a connector author would, bundled below as `mova-connector build` does. */
function greeterSource(version: string, actions: GreeterAction[]): string {
  const defs = actions.map(
    (verb) => `defineAction({
      key: 'greet.${verb}',
      title: '${verb}',
      description: 'Says ${verb} to someone',
      input: Type.Object({ name: Type.String({ minLength: 1, description: 'Who to greet' }) }),
      output: Type.Object({ text: Type.String(), version: Type.String() }),
      examples: [{ input: { name: 'Ada' }, output: { text: '${verb} Ada', version: '${version}' } }],
      async run({ input }) {
        return { text: '${verb} ' + input.name, version: '${version}' };
      },
    })`,
  );
  return `import { Auth, defineAction, defineConnector, Type } from '@mova/sdk';
export default defineConnector({
  name: 'greeter',
  title: 'Greeter',
  description: 'Greets people (test fixture)',
  categories: ['developer-tools'],
  auth: Auth.none(),
  actions: [${defs.join(',\n')}],
  network: { allow: ${JSON.stringify(actions.includes('wave') ? ['waves.greeter.test'] : [])} },
});
`;
}

/**
 * Writes a publishable greeter package: a single-file bundle with the SDK inside (nothing to
 * resolve at run time, as the store requires) and its manifest from the SDK's buildManifest.
 */
export async function writeGreeter(root: string, version: string, actions: GreeterAction[]): Promise<string> {
  return writeConnectorPackage(root, { name: GREETER, version, source: greeterSource(version, actions) });
}

/**
 * Writes a publishable connector package from one-file connector source (importing `@mova/sdk`):
 * bundled with the SDK inside, its manifest built with buildManifest, a package.json that ships both.
 */
export async function writeConnectorPackage(
  root: string,
  spec: { name: string; version: string; source: string },
): Promise<string> {
  const dir = join(root, `${spec.name.replace(/^@[^/]+\/connector-/, '')}-${spec.version}`);
  await mkdir(join(dir, 'dist'), { recursive: true });
  const bundle = join(dir, 'dist', 'connector.mjs');
  const connector = await bundleConnector({ source: spec.source }, bundle);
  const manifest = buildManifest(connector, { name: spec.name, version: spec.version });
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const pkg = {
    name: spec.name,
    version: spec.version,
    type: 'module',
    license: 'MIT',
    main: './dist/connector.mjs',
    keywords: ['mova-connector'],
    files: ['dist', MANIFEST_FILE],
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  return dir;
}

/** Publishes a greeter version with the real `npm publish`. */
export async function publishGreeter(
  root: string,
  registry: { url: string },
  npmrc: string,
  version: string,
  actions: GreeterAction[],
  /** More `npm publish` arguments, e.g. `['--tag', 'next']`. */
  extra: string[] = [],
): Promise<void> {
  const dir = await writeGreeter(root, version, actions);
  const published = await run('npm', ['publish', '--userconfig', npmrc, '--registry', registry.url, ...extra], dir);
  if (published.code !== 0) throw new Error(`npm publish ${GREETER}@${version} failed: ${published.stderr}`);
}

/**
 * Runs a command without blocking this process: the registry lives in it, so a synchronous spawn
 * would keep it from answering the very command waited for.
 */
export function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { NO_UPDATE_NOTIFIER: '1', CI: 'true' };
  // Variables pnpm sets for the scripts it runs would reconfigure the npm under test.
  for (const [key, value] of Object.entries(process.env)) if (!/^(npm|pnpm)_/i.test(key)) env[key] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** A loopback HTTP proxy in front of a registry: counts what is asked, and can serve other bytes for a tarball. */
export interface RegistryProxy {
  url: string;
  /** Package documents and tarballs asked for, by path. */
  requests: { packuments: string[]; tarballs: string[] };
  /** Tarball path suffix (e.g. `connector-greeter-1.0.0.tgz`) → the bytes to answer with instead. */
  replace: Map<string, Buffer>;
  close(): Promise<void>;
}

/**
 * Starts the proxy. It forwards the client's Host header, so the registry writes tarball URLs
 * that point back at the proxy and downloads go through it too. With `token`, it stands for a
 * private registry: a request without `Authorization: Bearer <token>` gets 401.
 */
export async function startProxy(target: string, options: { token?: string } = {}): Promise<RegistryProxy> {
  const requests = { packuments: [] as string[], tarballs: [] as string[] };
  const replace = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const isTarball = path.endsWith('.tgz');
    (isTarball ? requests.tarballs : requests.packuments).push(path);
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'authorization required' }));
      return;
    }
    const swapped = [...replace.entries()].find(([suffix]) => path.endsWith(suffix))?.[1];
    if (swapped) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': swapped.length });
      res.end(swapped);
      return;
    }
    const headers: IncomingHttpHeaders = { ...req.headers };
    const upstream = httpRequest(new URL(path, target), { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    replace,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The tarball bytes of a published version, straight from the registry. */
export async function tarballBytes(registryUrl: string, version: string): Promise<Buffer> {
  const response = await fetch(`${registryUrl}@mova%2fconnector-greeter/-/connector-greeter-${version}.tgz`);
  if (!response.ok) throw new Error(`tarball ${version}: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** `text` as a literal inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
