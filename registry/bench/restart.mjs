// Registry restart over N published connectors: with the manifest cache of the data dir (what a
// restart does now) against a start that re-reads every tarball (the cache file removed, what every
// start did before). Times startRegistry() until its index lists every connector, alternating the
// two kinds of start. Build first (node_modules/.bin/tsc -b tsconfig.build.json), then:
//   node registry/bench/restart.mjs [--connectors 1000] [--rounds 3] [--data <dir>] [--json] [--baseline <dist>]
// Publishing 1,000 takes minutes; --data keeps the data dir (published into once) for later runs.
// --baseline <dist> (a copy of registry/dist built from older sources, kept inside registry/ so its
// imports resolve) compares cached restarts instead: each start a new process, as a restart is
// (Verdaccio's import included), the baseline's and this build's taking turns, with wall and CPU time.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Auth, buildManifest, defineAction, defineConnector, MANIFEST_FILE, Type } from '@mova/sdk';
import * as tar from 'tar';
import { startRegistry } from '../dist/index.js';
import { MANIFEST_CACHE_FILE } from '../dist/start-registry.js';

const { values } = parseArgs({
  options: {
    connectors: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    data: { type: 'string' },
    json: { type: 'boolean' },
    baseline: { type: 'string' },
  },
});
const COUNT = Number(values.connectors);
const ROUNDS = Number(values.rounds);
const PUBLISHING = 8;

function connector(i) {
  const action = (key, title) =>
    defineAction({
      key,
      title,
      description: `${title} in service ${i}.`,
      input: Type.Object({ id: Type.String({ description: 'The record' }) }),
      output: Type.Object({ ok: Type.Boolean() }),
      examples: [{ input: { id: 'a' }, output: { ok: true } }],
      async run() {
        return { ok: true };
      },
    });
  return defineConnector({
    name: `bench-${i}`,
    title: `Bench service ${i}`,
    description: `Records and messages of bench service number ${i}.`,
    categories: [['crm', 'communication', 'developer-tools', 'storage'][i % 4]],
    auth: Auth.bearer(),
    actions: [action('records.get', 'Get a record'), action('records.create', 'Create a record')],
  });
}

async function publishBody(dir, url, i) {
  const name = `@bench/connector-${i}`;
  const version = '1.0.0';
  const folder = join(dir, String(i), 'package');
  await mkdir(folder, { recursive: true });
  const pkg = { name, version, type: 'module', main: 'index.js', license: 'MIT', keywords: ['mova-connector'] };
  await writeFile(join(folder, 'package.json'), JSON.stringify(pkg));
  await writeFile(join(folder, 'index.js'), 'export default {};\n');
  await writeFile(join(folder, 'README.md'), `# ${name}\n`);
  await writeFile(join(folder, MANIFEST_FILE), JSON.stringify(buildManifest(connector(i), { name, version })));
  const chunks = [];
  for await (const chunk of tar.c({ gzip: true, cwd: join(folder, '..') }, ['package'])) chunks.push(chunk);
  const tarball = Buffer.concat(chunks);
  const { createHash } = await import('node:crypto');
  const filename = `connector-${i}-${version}.tgz`;
  return {
    name,
    body: {
      _id: name,
      name,
      'dist-tags': { latest: version },
      versions: {
        [version]: {
          ...pkg,
          _id: `${name}@${version}`,
          dist: {
            shasum: createHash('sha1').update(tarball).digest('hex'),
            integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
            tarball: `${url}${name}/-/${filename}`,
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

async function populate(storage, work) {
  const registry = await startRegistry({ storage, port: 0, logLevel: 'error' });
  const user = await fetch(new URL('-/user/org.couchdb.user:bench', registry.url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', password: 'bench-password-1', type: 'user' }),
  });
  const { token } = await user.json();
  let next = 0;
  const publishers = Array.from({ length: PUBLISHING }, async () => {
    for (let i = next++; i < COUNT; i = next++) {
      const { name, body } = await publishBody(work, registry.url, i);
      const response = await fetch(new URL(name.replace('/', '%2f'), registry.url), {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`publish ${name}: ${response.status} ${await response.text()}`);
    }
  });
  await Promise.all(publishers);
  await registry.indexed();
  const listed = registry.index.size;
  await registry.close();
  if (listed !== COUNT) throw new Error(`${listed} of ${COUNT} connectors listed after publishing`);
}

async function timedStart(storage, cached) {
  if (!cached) await rm(join(storage, MANIFEST_CACHE_FILE), { force: true });
  const started = performance.now();
  const registry = await startRegistry({ storage, port: 0, logLevel: 'error' });
  const total = registry.index.search({}).total;
  const ms = performance.now() - started;
  await registry.close();
  if (total !== COUNT) throw new Error(`a ${cached ? 'cached' : 're-reading'} start listed ${total} of ${COUNT}`);
  return ms;
}

const SEARCHES = 20;

/**
 * npm's search endpoint, answered from the marketplace index, against the registry's /-/ping in the
 * same server (its HTTP floor), taking turns: medians in ms. Checks the search lists all N.
 */
async function searchTimes(storage) {
  const registry = await startRegistry({ storage, port: 0, logLevel: 'error' });
  const timed = async (path) => {
    const started = performance.now();
    const response = await fetch(new URL(path, registry.url));
    const body = await response.json();
    const ms = performance.now() - started;
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return { ms, body };
  };
  const search = [];
  const ping = [];
  try {
    for (let i = 0; i < SEARCHES; i++) {
      const found = await timed('-/v1/search?text=record&size=20');
      if (found.body.total !== COUNT) throw new Error(`npm search found ${found.body.total} of ${COUNT}`);
      search.push(found.ms);
      ping.push((await timed('-/ping')).ms);
    }
  } finally {
    await registry.close();
  }
  return { searchMs: median(search), pingMs: median(ping) };
}

// One cached restart in a process of its own: ms from the process's start until every connector is
// listed, and the CPU time it took until then.
const CHILD = `
const { startRegistry } = await import(process.argv[1]);
const registry = await startRegistry({ storage: process.argv[2], port: 0, logLevel: 'error' });
const total = registry.index.search({}).total;
const cpu = process.cpuUsage();
const ms = performance.now();
await registry.close();
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, total }));
`;

async function processStart(storage, dist) {
  const entry = pathToFileURL(join(resolve(dist), 'index.js')).href;
  const stdout = await new Promise((done, fail) =>
    execFile(process.execPath, ['--input-type=module', '-e', CHILD, entry, storage], (error, out) =>
      error ? fail(error) : done(out),
    ),
  );
  const result = JSON.parse(stdout.trim().split('\n').pop());
  if (result.total !== COUNT) throw new Error(`a start of ${dist} listed ${result.total} of ${COUNT}`);
  return result;
}

async function compare(storage, baseline) {
  const runs = { baseline: [], current: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.baseline.push(await processStart(storage, baseline));
    runs.current.push(await processStart(storage, fileURLToPath(new URL('../dist', import.meta.url))));
  }
  const fmt = (list, key) =>
    `${list.map((r) => r[key].toFixed(0)).join(', ')} (median ${median(list.map((r) => r[key])).toFixed(0)})`;
  for (const [name, list] of Object.entries(runs)) {
    console.log(`${name.padEnd(8)}: wall ${fmt(list, 'ms')} ms; cpu ${fmt(list, 'cpuMs')} ms`);
  }
  const ratio = (key) => median(runs.current.map((r) => r[key])) / median(runs.baseline.map((r) => r[key]));
  console.log(
    `current / baseline: wall ${ratio('ms').toFixed(3)}x, cpu ${ratio('cpuMs').toFixed(3)}x; load average ${loadavg()[0].toFixed(1)}`,
  );
}

const exists = (path) =>
  stat(path).then(
    () => true,
    () => false,
  );
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const dir = await mkdtemp(join(tmpdir(), 'mova-bench-restart-'));
try {
  const storage = values.data ?? join(dir, 'data');
  if (!(await exists(join(storage, 'storage')))) {
    const publishedAt = performance.now();
    await populate(storage, join(dir, 'packages'));
    console.log(`published ${COUNT} connectors in ${((performance.now() - publishedAt) / 1000).toFixed(1)} s`);
  }
  if (values.baseline) await compare(storage, values.baseline);
  else await startAndSearch(storage);
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** The default comparison: a start re-reading every tarball against a cached one, then npm search. */
async function startAndSearch(storage) {
  const cacheBytes = (await stat(join(storage, MANIFEST_CACHE_FILE))).size;
  const reread = [];
  const cached = [];
  for (let round = 0; round < ROUNDS; round++) {
    reread.push(await timedStart(storage, false));
    cached.push(await timedStart(storage, true));
  }
  const search = await searchTimes(storage);
  const fmt = (list) => list.map((ms) => ms.toFixed(0)).join(', ');
  console.log(`re-reading every tarball: ${fmt(reread)} ms (median ${median(reread).toFixed(0)})`);
  console.log(`with the manifest cache:  ${fmt(cached)} ms (median ${median(cached).toFixed(0)})`);
  console.log(
    `cached / re-read: ${(median(cached) / median(reread)).toFixed(3)}x; cache file ${(cacheBytes / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `npm search (/-/v1/search, ${SEARCHES} requests): median ${search.searchMs.toFixed(1)} ms; /-/ping: median ${search.pingMs.toFixed(1)} ms`,
  );
  if (values.json) {
    // The last line of stdout, for runtime/bench/goals.mjs.
    const figures = { connectors: COUNT, cachedMs: median(cached), rereadMs: median(reread), cacheBytes, ...search };
    console.log(JSON.stringify({ part: 'registry', loadAfter: loadavg()[0], ...figures }));
  }
}
