import type { Dirent } from 'node:fs';
import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SourceError } from './types.js';

// A built connector's dist/ holds a bundle and perhaps a source map: a few files. Far more is no build.
const MAX_DIST_ENTRIES = 10_000;
const HINT = 'A connector folder must hold its own files: copy the file in (or build again) instead of linking to it.';

/**
 * Refuses a connector package folder whose manifest, `dist/` or anything under `dist/` is a
 * symbolic link that leads out of it. `dist/` is what a sandbox is given to read (bind-mounted,
 * or allowed by Node's permission model), and Node follows links: a link there to `~/.ssh` would
 * hand the connector what the folder never held. Links that stay inside are fine, as are dangling
 * ones that would stay inside.
 * @example
 * await assertConfined('/work/connectors/github', 'mova.manifest.json');
 */
export async function assertConfined(dir: string, manifestFile: string): Promise<void> {
  await assertManifestConfined(dir, manifestFile);
  const dist = join(dir, 'dist');
  const distStat = await lstat(dist).catch(() => undefined);
  if (!distStat) return;
  // Real paths are looked up only where there is a link: the usual folder costs an lstat and a readdir.
  if (distStat.isSymbolicLink()) await within(dir, dist, await realOf(dir), 'its folder');
  // What is under dist/ may point anywhere inside dist/: that is all the sandbox sees.
  let distRoot: string | undefined;
  let seen = 0;
  const walk = async (folder: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++seen > MAX_DIST_ENTRIES) {
        throw new SourceError(`${dist} holds more than ${MAX_DIST_ENTRIES} entries`, 'Build the connector again.');
      }
      const path = join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        distRoot ??= await realOf(dist);
        await within(dir, path, distRoot, 'dist/');
      } else if (entry.isDirectory()) await walk(path);
    }
  };
  await walk(dist);
}

/** The manifest part of {@link assertConfined}: one lstat when it is no link, as it should be. */
export async function assertManifestConfined(dir: string, manifestFile: string): Promise<void> {
  const manifest = join(dir, manifestFile);
  if ((await linkTarget(manifest)) !== undefined) await within(dir, manifest, await realOf(dir), 'its folder');
}

/** Refuses `path` when it resolves (through any links on its way) outside `root`. */
async function within(dir: string, path: string, root: string, scope: string): Promise<void> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // Missing, or a dangling link: judge where the link says it goes.
    const target = await linkTarget(path);
    if (target === undefined) return;
    real = resolve(dirname(path), target);
  }
  if (real === root || real.startsWith(`${root}${sep}`)) return;
  throw new SourceError(
    `refused the connector in ${dir}: ${relative(dir, path)} is a symbolic link out of ${scope} (to ${real})`,
    HINT,
  );
}

async function realOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    throw new SourceError(`cannot read ${path}: ${(error as Error).message}`, 'Check the folder exists.', {
      cause: error,
    });
  }
}

async function linkTarget(path: string): Promise<string | undefined> {
  try {
    return (await lstat(path)).isSymbolicLink() ? await readlink(path) : undefined;
  } catch {
    return undefined;
  }
}
