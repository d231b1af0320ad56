// The main job on embedded defaults: bring up the hub and use it as a workflow author does.
//  1. Start the MOVA registry (Verdaccio + marketplace) on loopback, with its default storage.
//  2. Publish @mova/sdk and @mova/cli (with the workspace packages they need) and every first-party
//     connector in connectors/ with `mova-connector publish` (versions the registry holds already are
//     skipped, so running set-up again is safe). Third-party packages come through the registry's
//     uplink: the user's npm registry (`npm config get registry`), or MOVA_REGISTRY_UPLINK (`none`: no
//     uplink), so `npm i -g @mova/cli --registry <the registry>` works.
//  3. Search the marketplace, then, in an example workflow project, `mova-connector install` the
//     connectors its workflow uses (mova.lock.json: exact versions + sha512) from that registry.
//  4. `mova-connector run` the workflow: it reads the marketplace API through the http connector and
//     upserts the catalog into the local PostgreSQL through the postgres connector, both in the
//     sandbox, pinned by the lockfile. `runs show` prints the exact versions and content digests.
// The registry runs in this process, so every child process is spawned asynchronously (a
// synchronous spawn would block the server it talks to).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publishedVersions, readConnectors } from './connectors.mjs';
import { pnpm, root } from './pnpm.mjs';
import { publishToolkit } from './publish-toolkit.mjs';

const { defaultDataDir, startRegistry } = await import(pathToFileURL(join(root, 'registry/dist/index.js')).href);
const { ensureService, localServices } = await import(pathToFileURL(join(root, 'sdk/dist/index.js')).href);

const cliBin = join(root, 'cli/bin/run.js');
const ADMIN = 'mova';
const DATABASE = 'postgres://postgres@127.0.0.1:5432/test';
// What the demo keeps between runs besides the registry: the publisher's login and the project.
const home = process.env.MOVA_DEMO_DIR ?? join(dirname(defaultDataDir()), 'demo');
const project = join(home, 'project');
// The demo's own CLI config: the user's ~/.movarc and any token in the environment stay out of it.
const env = { ...process.env, MOVA_CONFIG: join(home, 'movarc.json') };
delete env.MOVA_REGISTRY_TOKEN;

let registry;
try {
  await ensureService(localServices.postgres);
  await mkdir(home, { recursive: true });
  const port = await registryPort();
  const uplink = await registryUplink();
  // Found before the registry starts: finding it may spawn synchronously.
  const pnpmCommand = pnpm();
  registry = await startRegistry({
    port,
    uplink,
    storage: process.env.MOVA_REGISTRY_STORAGE,
    admins: [ADMIN],
    adminPasswords: { [ADMIN]: await adminPassword() },
    logLevel: 'error',
  });
  const url = registry.url;
  console.log(
    `\nMOVA registry on ${url} (storage ${registry.storage}; ${uplink ? `other packages from ${uplink}` : 'no uplink'})`,
  );
  env.MOVA_REGISTRY = url;

  await cli(['login', '--registry', url, '-u', ADMIN, '-p', await adminPassword()], { quiet: true });
  const token = JSON.parse(await readFile(env.MOVA_CONFIG, 'utf8')).tokens[url];
  console.log('\nPublishing the SDK and the CLI (versions the registry lacks)');
  const toolkit = await publishToolkit({ root, url, token, pnpm: pnpmCommand, log: (line) => console.log(line) });
  if (toolkit.every((item) => !item.published)) {
    console.log(`  all in the registry already: ${toolkit.map((item) => `${item.name}@${item.version}`).join(', ')}`);
  }
  await publishAll(url);
  await registry.indexed();
  await cli(['search', '--limit', '100']);

  await writeProject();
  await cli(['install'], { cwd: project });
  const run = await cli(
    ['run', 'flows/marketplace-snapshot.json', '--input', `registry=${url}`, '--connections', 'connections.json'],
    { cwd: project, tee: true },
  );
  const id = /^Run (\S+) completed/m.exec(run.stdout)?.[1];
  const shown = await cli(['runs', 'show', id, '--json'], { cwd: project, capture: true });
  const record = JSON.parse(shown.stdout);
  console.log(
    '\nWhat ran, as the run record keeps it (exact version and content digest, as mova.lock.json pins them):',
  );
  for (const step of record.steps) console.log(`  ${step.key.padEnd(8)} ${step.connector}  ${step.connectorIntegrity}`);

  console.log(`
Demo done: ${record.output.connectors} connectors with ${record.output.actions} actions are in the registry and in table mova_demo_catalog.
  project    ${project} (flows/, mova.lock.json, connections.json)
  the hub    node cli/bin/run.js registry start --admin ${ADMIN}${process.env.MOVA_REGISTRY_STORAGE ? ` --storage ${registry.storage}` : ''}${uplink ? ` --uplink ${uplink}` : ''}   (then open http://127.0.0.1:4873/ for the marketplace; --port to choose another)
  your own   node cli/bin/run.js init <name> --template http|sdk|database   (@mova/sdk from this checkout; --registry ${url} to take it from the registry)
  the CLI    npm i -g @mova/cli --registry ${url}${uplink ? '' : '   (needs an uplink for its other dependencies: MOVA_REGISTRY_UPLINK)'}`);
} catch (error) {
  console.error(`\nDemo failed: ${error.message}${error.hint ? `\n  ${error.hint}` : ''}`);
  process.exitCode = 1;
} finally {
  await registry?.close();
}

/**
 * The admin's password, made up on the first run and kept (readable by the user only) so a later
 * run logs in to the same registry storage again.
 */
async function adminPassword() {
  const file = join(home, 'admin.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')).password;
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${JSON.stringify({ user: ADMIN, password }, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

/** Publishes, three at a time, each first-party connector version the registry does not hold yet. */
async function publishAll(url) {
  const connectors = readConnectors(root);
  const held = await Promise.all(connectors.map((connector) => publishedVersions(url, connector.name)));
  const pending = connectors.filter((connector, i) => !held[i]?.has(connector.version));
  const already = connectors.length - pending.length;
  console.log(
    pending.length === 0
      ? `\nAll ${connectors.length} first-party connectors are in the registry already`
      : `\nPublishing ${pending.length} of ${connectors.length} first-party connectors${already ? ` (${already} are in the registry already)` : ''}`,
  );
  let done = 0;
  const queue = [...pending];
  const worker = async () => {
    for (let connector = queue.shift(); connector; connector = queue.shift()) {
      const result = await cli(['publish', '--dir', connector.dir, '--json', '--skip-checks'], { capture: true });
      const summary = JSON.parse(result.stdout);
      done += 1;
      console.log(
        `  [${done}/${pending.length}] ${summary.name}@${summary.version}  ${summary.integrity.slice(0, 23)}…`,
      );
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

/** The example workflow project: a workflow, its connections (local PostgreSQL, the registry over HTTP). */
async function writeProject() {
  await mkdir(join(project, 'flows'), { recursive: true });
  const workflow = {
    mova: '1.0',
    name: 'marketplace-snapshot',
    description:
      'Reads the marketplace catalog over HTTP and keeps a snapshot of it in PostgreSQL: one row per connector.',
    inputs: {
      type: 'object',
      properties: { registry: { type: 'string', format: 'uri', description: 'The MOVA registry URL' } },
      required: ['registry'],
    },
    connections: { web: { connector: 'http' }, db: { connector: 'postgres' } },
    steps: [
      {
        id: 'catalog',
        uses: 'http/request@^1',
        connection: 'web',
        with: { url: "{{ inputs.registry & '-/mova/v1/connectors' }}", query: { limit: 100 } },
      },
      {
        id: 'table',
        uses: 'postgres/query@^1',
        connection: 'db',
        with: {
          sql: 'CREATE TABLE IF NOT EXISTS mova_demo_catalog (name text PRIMARY KEY, version text NOT NULL, actions integer NOT NULL)',
          values: [],
        },
      },
      {
        id: 'save',
        uses: 'postgres/rows.insert@^1',
        connection: 'db',
        with: {
          table: 'mova_demo_catalog',
          rows: "{{ [steps.catalog.output.data.results.{ 'name': name, 'version': latestVersion, 'actions': actionCount }] }}",
          onConflict: { do: 'update', columns: ['name'] },
        },
      },
      {
        id: 'summary',
        uses: 'postgres/query@^1',
        connection: 'db',
        with: {
          sql: 'SELECT count(*)::int AS connectors, sum(actions)::int AS actions FROM mova_demo_catalog',
          values: [],
        },
      },
    ],
    output: {
      connectors: '{{ steps.summary.output.rows[0].connectors }}',
      actions: '{{ steps.summary.output.rows[0].actions }}',
    },
  };
  const connections = {
    web: { connector: 'http', auth: { kind: 'none' } },
    db: { connector: 'postgres', auth: { connectionString: DATABASE } },
  };
  await writeFile(join(project, 'flows', 'marketplace-snapshot.json'), `${JSON.stringify(workflow, null, 2)}\n`);
  await writeFile(join(project, 'connections.json'), `${JSON.stringify(connections, null, 2)}\n`);
}

/**
 * Runs `mova-connector` as a child process: its output shown (after the command line); with
 * `tee` also returned, with `capture` returned only, with `quiet` shown only if it fails.
 */
function cli(args, { cwd = root, capture = false, quiet = false, tee = false } = {}) {
  if (!quiet && !capture) console.log(`\n$ mova-connector ${args.join(' ')}`);
  const collect = capture || quiet || tee;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      cwd,
      env,
      stdio: collect ? ['ignore', 'pipe', tee ? 'inherit' : 'pipe'] : 'inherit',
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      if (tee) process.stdout.write(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve({ stdout, stderr });
      if (collect && !tee) process.stderr.write(stderr || stdout);
      reject(new Error(`mova-connector ${args.slice(0, 2).join(' ')} exited with ${code}`));
    });
  });
}

/**
 * MOVA_REGISTRY_PORT when set (0: any free port), else 4873. A taken port is never swapped for
 * another silently: a chosen one fails, and 4873 taken (often by another registry) is said loudly.
 */
async function registryPort() {
  const asked = process.env.MOVA_REGISTRY_PORT;
  if (asked !== undefined && asked !== '') {
    const port = Number(asked);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`MOVA_REGISTRY_PORT=${asked} is not a port: give a number from 0 (any free port) to 65535`);
    }
    if (port !== 0 && !(await isFree(port))) {
      throw new Error(
        `port ${port} (MOVA_REGISTRY_PORT) is in use: stop what listens there, or choose another port (0 for any free one)`,
      );
    }
    return port;
  }
  if (await isFree(4873)) return 4873;
  console.warn(
    '\nPort 4873 is in use (another registry or MOVA hub?). The demo starts its own registry on a free port instead\n' +
      'and publishes only there. Set MOVA_REGISTRY_PORT to choose the port.',
  );
  return 0;
}

/**
 * MOVA_REGISTRY_UPLINK when set (`none`: no uplink), else the registry npm is configured with, so
 * installing @mova/cli from the local registry finds its third-party dependencies where npm would.
 */
async function registryUplink() {
  const asked = process.env.MOVA_REGISTRY_UPLINK;
  if (asked === 'none') return undefined;
  if (asked) return asked;
  const { stdout } = await new Promise((resolve, reject) => {
    const child = spawn('npm', ['config', 'get', 'registry'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ stdout: out }) : reject(new Error(`npm config get registry exited with ${code}`)),
    );
  });
  return stdout.trim() || undefined;
}

function isFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
