// Publishes the packages an author needs outside this checkout to a MOVA registry: @mova/sdk, and
// @mova/cli with the workspace packages it depends on. `pnpm pack` turns their `workspace:*`
// dependencies into the versions in the checkout; the registry holds MOVA's scope itself (never
// from an uplink), while their third-party dependencies come through the registry's uplink.
// Spawns are asynchronous: the demo hosts the registry in the same process.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishedVersions } from './connectors.mjs';

/** Dependencies first, so a registry never holds a package whose @mova dependency it lacks. */
export const TOOLKIT = ['sdk', 'runtime', 'registry', 'cli'];

/**
 * Packs and publishes each toolkit package whose version `url` does not hold yet.
 * `pnpm` is the [command, ...args] that runs the pinned pnpm (scripts/pnpm.mjs).
 * Returns `{ name, version, published }` per package.
 */
export async function publishToolkit({ root, url, token, pnpm, log = console.log }) {
  const work = await mkdtemp(join(tmpdir(), 'mova-toolkit-'));
  try {
    // The token goes to npm through a user config file, not the command line (ps shows arguments).
    const npmrc = join(work, 'npmrc');
    const auth = url.replace(/^https?:/, '');
    await writeFile(npmrc, `${auth}:_authToken=${token}\n`, { mode: 0o600 });
    const results = [];
    for (const folder of TOOLKIT) {
      const dir = join(root, folder);
      const { name, version } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      if ((await publishedVersions(url, name)).has(version)) {
        results.push({ name, version, published: false });
        continue;
      }
      const out = join(work, folder);
      await run(pnpm[0], [...pnpm.slice(1), 'pack', '--pack-destination', out], dir, process.env);
      const [tarball] = await readdir(out);
      const env = { ...process.env, npm_config_userconfig: npmrc, npm_config_update_notifier: 'false' };
      await run(npmCommand(), ['publish', join(out, tarball), '--registry', url, '--access', 'public'], work, env);
      log(`  ${name}@${version}`);
      results.push({ name, version, published: true });
    }
    return results;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The npm that came with the Node running this script (set-up's PATH may hold nothing else). */
function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

function run(command, args, cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${[command, ...args].join(' ')} exited with ${code} in ${cwd}:\n${output.trimEnd()}`));
    });
  });
}
