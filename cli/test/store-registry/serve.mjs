// A loopback npm registry serving the third-party packages a pnpm checkout has installed
// (node_modules/.pnpm, pnpm's virtual store), run as its own process so packing tarballs never
// stalls the test process (which hosts Verdaccio). Usage: node serve.mjs <repo>; prints its URL on
// the first line, then `served <name>` for every packument or tarball asked for. Dist-tags other
// than `latest` are the ones the workspace's pnpm overrides pin (`node-fetch@cjs: 2.7.0`).

import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const repo = process.argv[2];
const require = createRequire(join(repo, 'cli', 'package.json'));
const semver = require('semver');

const store = join(repo, 'node_modules', '.pnpm');
/** name → version → installed folder */
const folders = new Map();
for (const entry of await readdir(store)) {
  // `<name>@<version>[_<peers>]`, a scope's slash written `+`.
  const at = entry.indexOf('@', 1);
  if (at < 0) continue;
  const name = entry.slice(0, at).replace('+', '/');
  if (name.startsWith('@mova/')) continue;
  const dir = join(store, entry, 'node_modules', name);
  const manifest = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
  if (manifest === undefined) continue;
  const versions = folders.get(name) ?? new Map();
  versions.set(JSON.parse(manifest).version, dir);
  folders.set(name, versions);
}

const tags = new Map();
const workspace = await readFile(join(repo, 'pnpm-workspace.yaml'), 'utf8');
for (const [, name, tag, version] of workspace.matchAll(
  /^\s+"?(@?[^@\s"]+)@([A-Za-z][\w-]*)"?:\s*"?(\d+\.\d+\.\d+)"?\s*$/gm,
)) {
  tags.set(name, { ...tags.get(name), [tag]: version });
}

let base = '';
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname).slice(1);
  // `<name>/-/<name without scope>-<version>.tgz`; versions hold dashes too (9.0.0-next-9.21).
  const tarball = /^(.+)\/-\/([^/]+)\.tgz$/.exec(path);
  const name = tarball ? tarball[1] : path;
  const versions = folders.get(name);
  const version = tarball?.[2].slice(name.split('/').pop().length + 1);
  const dir = version ? versions?.get(version) : undefined;
  if (!versions || (tarball && !dir)) {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    return;
  }
  console.log(`served ${name}`);
  if (dir) {
    // GNU tar, in a process of its own: node-tar's async packer stalled on some of these folders.
    // --hard-dereference: pnpm's store hard-links files, a package tarball holds plain ones.
    const tar = spawn(
      'tar',
      [
        '--create',
        '--gzip',
        '--file=-',
        `--directory=${dir}`,
        '--transform=s,^\\.,package,',
        '--owner=0',
        '--group=0',
        '--numeric-owner',
        '--hard-dereference',
        '.',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    tar.stdout.pipe(response);
    tar.on('close', (code) => {
      if (code !== 0) response.destroy(new Error(`tar exited with ${code} for ${dir}`));
    });
    return;
  }
  packument(name, versions).then(
    (body) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
    (error) => response.writeHead(500).end(error.message),
  );
});

async function packument(name, versions) {
  const entries = await Promise.all(
    [...versions].map(async ([version, dir]) => {
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      const file = `${name.split('/').pop()}-${version}.tgz`;
      return [version, { ...manifest, name, version, dist: { tarball: `${base}${name}/-/${file}` } }];
    }),
  );
  const latest = [...versions.keys()].sort(semver.compare).at(-1);
  return { name, 'dist-tags': { ...tags.get(name), latest }, versions: Object.fromEntries(entries) };
}

server.listen(0, '127.0.0.1', () => {
  base = `http://127.0.0.1:${server.address().port}/`;
  console.log(base);
});
// The test closes stdin when it is done (or dies): stop then.
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
