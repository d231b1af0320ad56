// `pnpm release`: applies the pending changesets (`changeset version`), then builds and publishes
// every connector whose package.json version the registry does not hold yet, with `mova-connector
// publish`. Publishing only what is missing makes a re-run after a partial failure safe: what went
// out is skipped, the rest is retried.
//
//   MOVA_REGISTRY=<url> MOVA_REGISTRY_TOKEN=<token> node scripts/release.mjs [--root <dir>] [--dry-run]
//
// --root runs it on another checkout (its connectors/ and .changeset/); --dry-run leaves the
// changesets and versions alone and runs `publish --dry-run` for what the current versions would
// publish (no token needed). Child processes are spawned asynchronously, so a registry hosted in
// the calling process (the tests) keeps answering.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { publishedVersions, readConnectors } from './connectors.mjs';
import { root as repo } from './pnpm.mjs';

const cliBin = join(repo, 'cli', 'bin', 'run.js');

const { values: flags } = parseArgs({
  options: {
    root: { type: 'string', default: repo },
    registry: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const root = resolve(flags.root);
const dryRun = flags['dry-run'];
const registry = flags.registry ?? process.env.MOVA_REGISTRY;
const token = process.env.MOVA_REGISTRY_TOKEN;

if (!registry) {
  fail(
    'no registry to publish to: set MOVA_REGISTRY (or pass --registry <url>), e.g. MOVA_REGISTRY=http://127.0.0.1:4873/',
  );
}
if (!token && !dryRun) {
  fail(
    `no token for ${registry}: set MOVA_REGISTRY_TOKEN (in CI, from a repository secret; locally, \`mova-connector login\` prints where it keeps one), or pass --dry-run`,
  );
}
const registryUrl = registry.endsWith('/') ? registry : `${registry}/`;

if (dryRun) {
  console.log('> changeset version: skipped (dry run)');
} else {
  console.log('> changeset version');
  const version = await run(process.execPath, [changesetBin(), 'version']);
  if (version.code !== 0) fail(`changeset version failed (exit ${version.code}); nothing was published`);
}

const connectors = await orFail(() => readConnectors(root));
const pending = [];
const skipped = [];
for (const connector of connectors) {
  const versions = await orFail(() => publishedVersions(registryUrl, connector.name));
  (versions.has(connector.version) ? skipped : pending).push(connector);
}

// Every build first, so a connector that fails to build stops the release before anything is out.
// In this process, as scripts/build.mjs does: one esbuild service instead of a CLI start each.
if (pending.length > 0) {
  const { buildProject, readProject } = await import('../cli/dist/index.js');
  for (const connector of pending) {
    try {
      const result = await buildProject(await readProject(connector.dir));
      console.log(`> built ${connector.name}@${connector.version}: ${result.manifest.actions.length} actions`);
    } catch (error) {
      const issues = (error.issues ?? []).map((i) => `\n  ${i.file ?? ''}#${i.pointer}: ${i.message}`).join('');
      fail(`${connector.name}@${connector.version} does not build: ${error.message}${issues} (nothing was published)`);
    }
  }
}

const published = [];
const failed = [];
for (const connector of pending) {
  const label = `${connector.name}@${connector.version}`;
  console.log(`> publish ${label}`);
  const args = [cliBin, 'publish', '--dir', connector.dir, '--registry', registryUrl, '--json'];
  const result = await run(process.execPath, dryRun ? [...args, '--dry-run'] : args, { capture: true });
  if (result.code === 0) {
    const summary = JSON.parse(result.stdout);
    published.push(
      `${summary.name}@${summary.version}${summary.previous ? ` (${summary.bump} after ${summary.previous})` : ' (first version)'}`,
    );
  } else {
    failed.push(`${label}: ${result.stderr.trim().split('\n').at(-1)}`);
  }
}

const verb = dryRun ? 'Would publish' : 'Published';
console.log(`\n${verb} ${published.length} to ${registryUrl}${published.map((line) => `\n  ${line}`).join('')}`);
console.log(
  `Skipped ${skipped.length} (already in the registry)${skipped.map((c) => `\n  ${c.name}@${c.version}`).join('')}`,
);
if (failed.length > 0) {
  console.error(`Failed ${failed.length}${failed.map((line) => `\n  ${line}`).join('')}`);
  process.exit(1);
}

/** The checkout's own @changesets/cli, else this repository's. */
function changesetBin() {
  for (const base of [root, repo]) {
    try {
      return createRequire(join(base, 'package.json')).resolve('@changesets/cli/bin.js');
    } catch {
      // not installed in this checkout: try the next one
    }
  }
  fail(`@changesets/cli is not installed in ${root} (Run pnpm install there first.)`);
}

/** Runs a command in the checkout, its output shown, or collected with `capture`. */
function run(command, args, { capture = false } = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, MOVA_REGISTRY: registryUrl },
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => fail(`${command} ${args.join(' ')}: ${error.message}`));
    child.on('close', (code) => {
      done({ code, stdout, stderr });
    });
  });
}

/** What `work` returns; its error, as a release failure. */
async function orFail(work) {
  try {
    return await work();
  } catch (error) {
    fail(error.message);
  }
}

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}
