import { type LockedVersion, type Lockfile, lockRange, pickVersion, type RegistrySource } from '@mova/runtime';
import { diffManifests, type Manifest, type ManifestChange } from '@mova/sdk';
import semver from 'semver';
import { UserError } from '../user-error.js';
import { pinOf } from './install-connector.js';

/** A newer version `--safe` passed over, and the breaking changes that made it. */
export interface SkippedVersion {
  version: string;
  changes: ManifestChange[];
}

/** What `upgrade` did to one locked range. */
export interface RangeUpgrade {
  package: string;
  range: string;
  from: string;
  /** The version the range is locked to now: `from` when nothing newer was taken. */
  to: string;
  skipped: SkippedVersion[];
  /** Network access `to` asks for that `from` did not have (new hosts, new connection host fields). */
  moreNetwork: string[];
}

export interface LockedRange {
  package: string;
  range: string;
  version: string;
  entry: LockedVersion;
}

/**
 * Moves one locked range to the version npm would pick for it now (the `latest` dist-tag when the
 * range allows it, else the newest version it allows; deprecated versions are not moved to, and
 * versions above the pick, such as ones published under `next`, are not either). With `current` (the locked version's manifest, for `--safe`), a version whose manifest
 * breaks workflows compared with it (diffManifests says `major`) is skipped, and the next newest is
 * tried, so the range ends at the newest version that keeps every workflow working.
 */
export async function upgradeRange(
  source: RegistrySource,
  lock: Lockfile,
  locked: LockedRange,
  current?: Manifest,
): Promise<{ lock: Lockfile; upgrade: RangeUpgrade }> {
  const packument = await source.packument(locked.package);
  if (!packument) {
    throw new UserError(
      `${locked.package} is no longer in the registry ${source.client.url}`,
      'Runs keep working from the store and the lockfile; check --registry, or ask the registry admin.',
      1,
    );
  }
  const picked = pickVersion(packument, locked.range);
  const newer =
    picked === undefined || picked.deprecated !== undefined || !semver.gt(picked.version, locked.version)
      ? []
      : semver.rsort(
          [...packument.versions.values()]
            .filter((v) => v.deprecated === undefined && semver.satisfies(v.version, locked.range))
            .map((v) => v.version)
            .filter((v) => semver.gt(v, locked.version) && semver.lte(v, picked.version)),
        );
  const upgrade: RangeUpgrade = {
    package: locked.package,
    range: locked.range,
    from: locked.version,
    to: locked.version,
    skipped: [],
    moreNetwork: [],
  };
  for (const version of newer) {
    const candidate = await source.fetch(locked.package, version);
    if (current) {
      const diff = diffManifests(current, candidate.manifest);
      if (diff.bump === 'major') {
        upgrade.skipped.push({ version, changes: diff.changes.filter((change) => change.kind === 'breaking') });
        continue;
      }
    }
    upgrade.to = version;
    const before = current ?? (await source.fetch(locked.package, locked.version)).manifest;
    upgrade.moreNetwork = diffManifests(before, candidate.manifest)
      .changes.filter((change) => change.kind === 'feature' && change.pointer.startsWith('/network/'))
      .map((change) => change.message);
    return { lock: lockRange(lock, locked.package, locked.range, version, pinOf(candidate)), upgrade };
  }
  return { lock, upgrade };
}
