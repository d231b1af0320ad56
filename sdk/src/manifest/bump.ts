import semver from 'semver';
import type { Bump } from './diff.js';

const RANK: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/**
 * The version a new one is compared with: the highest published version below it. Usually the
 * latest; for a fix on an older major (1.4.1 while 2.x exists), the last of that line.
 */
export function predecessorOf(published: readonly string[], next: string): string | undefined {
  return semver.rsort(published.filter((version) => semver.valid(version) && semver.lt(version, next)))[0];
}

function isStable(version: semver.SemVer): boolean {
  return version.major > 0;
}

/**
 * Whether going from `previous` to `next` is bump enough. Below 1.0.0 every minor may break (npm's
 * `^0.3` stops before 0.4.0), so a breaking change needs a minor there and anything else any bump.
 * Prereleases of a version not yet released promise nothing among themselves.
 */
export function isBumpEnough(previous: string, next: string, needed: Bump): boolean {
  const from = semver.parse(previous);
  const to = semver.parse(next);
  if (!from || !to || !semver.gt(to, from)) return false;
  if (from.prerelease.length > 0 && from.major === to.major && from.minor === to.minor && from.patch === to.patch) {
    return true;
  }
  const made: Bump = to.major > from.major ? 'major' : to.minor > from.minor ? 'minor' : 'patch';
  if (isStable(from)) return RANK[made] >= RANK[needed];
  if (to.major > 0) return true;
  return needed === 'major' ? RANK[made] >= RANK.minor : true;
}

/** The smallest version after `previous` that is bump enough and not published yet. */
export function suggestVersion(previous: string, needed: Bump, published: readonly string[]): string {
  const from = semver.parse(previous);
  if (!from) return previous;
  const step: semver.ReleaseType = isStable(from) ? needed : needed === 'major' ? 'minor' : 'patch';
  let candidate = semver.inc(from.version, step) ?? previous;
  while (published.includes(candidate)) candidate = semver.inc(candidate, step) ?? candidate;
  return candidate;
}
