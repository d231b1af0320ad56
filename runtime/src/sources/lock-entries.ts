import { semver } from '../semver.js';
import type { LockedVersion, Lockfile } from './lockfile.js';

/** A locked version found for a range. */
export interface LockedMatch {
  package: string;
  version: string;
  entry: LockedVersion;
}

/**
 * The version a `uses` range runs under a lockfile: the version the range was locked to, else the
 * highest locked version of the package that satisfies the range; undefined when the lockfile does
 * not cover the range. Never asks a registry.
 * @example
 * findLocked(lock, '@mova/connector-github', '^1')?.version // '1.4.2'
 */
export function findLocked(lock: Lockfile, packageName: string, range: string): LockedMatch | undefined {
  const versions = lock.connectors[packageName] ?? {};
  const exact = Object.entries(versions).find(([, entry]) => entry.ranges.includes(range));
  if (exact) return { package: packageName, version: exact[0], entry: exact[1] };
  const best = semver().maxSatisfying(Object.keys(versions), range);
  const entry = best === null ? undefined : versions[best];
  return best !== null && entry ? { package: packageName, version: best, entry } : undefined;
}

/**
 * Locks `range` of a package to one version: the range moves off any other version of the
 * package, and versions left with no range are dropped. Returns a new lockfile.
 */
export function lockRange(
  lock: Lockfile,
  packageName: string,
  range: string,
  version: string,
  pin: Omit<LockedVersion, 'ranges'>,
): Lockfile {
  const versions: Record<string, LockedVersion> = {};
  for (const [locked, entry] of Object.entries(lock.connectors[packageName] ?? {})) {
    const ranges = entry.ranges.filter((r) => r !== range);
    if (locked !== version && ranges.length > 0) versions[locked] = { ...entry, ranges };
  }
  const previous = lock.connectors[packageName]?.[version]?.ranges.filter((r) => r !== range) ?? [];
  versions[version] = { ...pin, ranges: [...previous, range].sort() };
  return { ...lock, connectors: { ...lock.connectors, [packageName]: versions } };
}

/** Every (package, range, locked version) in the lockfile: packages by name, versions oldest first. */
export function lockedRanges(
  lock: Lockfile,
): { package: string; range: string; version: string; entry: LockedVersion }[] {
  return Object.keys(lock.connectors)
    .sort()
    .flatMap((name) => {
      const versions = lock.connectors[name] ?? {};
      return semver()
        .sort(Object.keys(versions))
        .flatMap((version) => {
          const entry = versions[version];
          return entry ? entry.ranges.map((range) => ({ package: name, range, version, entry })) : [];
        });
    });
}

/** How a workflow names a package in `uses`: `github` for `@mova/connector-github`, else the full name. */
export function connectorShortName(packageName: string): string {
  return packageName.startsWith('@mova/connector-') ? packageName.slice('@mova/connector-'.length) : packageName;
}
