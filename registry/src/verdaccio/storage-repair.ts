import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import writeFileAtomic from 'write-file-atomic';

/** What a start found half done in one package's folder and put right. */
export interface PackageRepair {
  package: string;
  /** Files removed: temporary uploads, a dead writer's lock, tarballs no version names. */
  removedFiles: string[];
  /** Versions whose tarball never landed: removed, so they can be published again. */
  droppedVersions: string[];
}

interface StoredPackument {
  versions?: Record<string, { dist?: { tarball?: string } }>;
  time?: Record<string, string>;
  'dist-tags'?: Record<string, string>;
  _attachments?: Record<string, unknown>;
  _uplinks?: Record<string, unknown>;
}

const TEMPORARY = /\.tmp-?\d+$/;
const LOCK = 'package.json.lock';
const PARALLEL_FOLDERS = 8;

/**
 * Puts right what a registry killed mid-publish leaves in Verdaccio's storage: a tarball written
 * before its version (served with 200 though no version names it), a version written before its
 * tarball (409 to every new publish of it, 404 to every install), a lock that makes every publish of
 * the package wait for minutes, and temporary files. Runs at start, while no request is served and
 * the registry holds the storage alone. Packages cached from an uplink are left as they are: their
 * tarballs arrive on demand.
 */
export async function repairStorage(storageDir: string): Promise<PackageRepair[]> {
  const repairs: PackageRepair[] = [];
  // Each folder is its own package: a few at a time keep the file system busy while a reply is on
  // its way (one after another, a start over 1,000 packages waited on 5,000 replies in a row).
  const queue = (await packageFolders(storageDir)).values();
  const workers = Array.from({ length: PARALLEL_FOLDERS }, async () => {
    for (const folder of queue) {
      const repair = await repairPackage(folder.path, folder.name);
      if (repair.removedFiles.length > 0 || repair.droppedVersions.length > 0) repairs.push(repair);
    }
  });
  await Promise.all(workers);
  return repairs.sort((a, b) => a.package.localeCompare(b.package));
}

async function packageFolders(storageDir: string): Promise<{ name: string; path: string }[]> {
  const folders: { name: string; path: string }[] = [];
  for (const entry of await entries(storageDir)) {
    if (!entry.isDirectory()) continue;
    if (!entry.name.startsWith('@')) {
      folders.push({ name: entry.name, path: join(storageDir, entry.name) });
      continue;
    }
    for (const inner of await entries(join(storageDir, entry.name))) {
      if (inner.isDirectory()) {
        folders.push({ name: `${entry.name}/${inner.name}`, path: join(storageDir, entry.name, inner.name) });
      }
    }
  }
  return folders;
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function repairPackage(dir: string, name: string): Promise<PackageRepair> {
  const repair: PackageRepair = { package: name, removedFiles: [], droppedVersions: [] };
  const remove = async (file: string) => {
    await rm(join(dir, file), { force: true });
    repair.removedFiles.push(file);
  };
  const files = (await readdir(dir)).filter((file) => file !== LOCK && !TEMPORARY.test(file));
  for (const file of await readdir(dir)) if (file === LOCK || TEMPORARY.test(file)) await remove(file);

  let packument: StoredPackument;
  try {
    packument = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as StoredPackument;
  } catch {
    // No document (or one Verdaccio itself cannot read): nothing here says which tarballs belong.
    return repair;
  }
  if (Object.keys(packument._uplinks ?? {}).length > 0) return repair;

  const versions = packument.versions ?? {};
  const tarballOf = (version: string) => versions[version]?.dist?.tarball?.split('?')[0]?.split('/').pop();
  const named = new Set(Object.keys(versions).map(tarballOf));
  for (const file of files) if (file.endsWith('.tgz') && !named.has(file)) await remove(file);

  const present = new Set(files);
  repair.droppedVersions = Object.keys(versions).filter((version) => {
    const file = tarballOf(version);
    return file === undefined || !present.has(file);
  });
  if (repair.droppedVersions.length === 0) return repair;
  if (repair.droppedVersions.length === Object.keys(versions).length) {
    await rm(dir, { recursive: true, force: true });
    return repair;
  }
  for (const version of repair.droppedVersions) {
    const file = tarballOf(version);
    delete versions[version];
    delete packument.time?.[version];
    if (file) delete packument._attachments?.[file];
  }
  const tags = packument['dist-tags'] ?? {};
  for (const [tag, version] of Object.entries(tags)) if (!versions[version]) delete tags[tag];
  if (!tags.latest) {
    const newest = semver.rsort(Object.keys(versions).filter((v) => !semver.prerelease(v)))[0];
    if (newest) tags.latest = newest;
  }
  packument['dist-tags'] = tags;
  await writeFileAtomic(join(dir, 'package.json'), JSON.stringify(packument, null, 2));
  return repair;
}
