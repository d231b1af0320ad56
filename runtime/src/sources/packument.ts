/// <reference path="../types/npm-pick-manifest.d.ts" />
import type pickManifestFn from 'npm-pick-manifest';
import { isRecord } from '../is-record.js';
import { lazyRequire } from '../lazy-require.js';
import { semver } from '../semver.js';
import { SourceError } from './types.js';

// npm's picker brings npm-package-arg, hosted-git-info and more: loaded when a version is picked.
const pickManifest = lazyRequire<typeof pickManifestFn>('npm-pick-manifest');

/**
 * One version in a package document, as the npm protocol carries it: where its tarball is, the
 * digests it was published with, and whatever else the publisher put in its `package.json`.
 */
export interface PackumentVersion {
  name?: string;
  version: string;
  /** The deprecation message; absent (never empty) when the version is not deprecated. */
  deprecated?: string;
  dist: { tarball: string; shasum?: string; integrity?: string };
  _npmUser?: { name?: string };
  [key: string]: unknown;
}

/**
 * An npm package document (a "packument"), full or abbreviated: every installable version's
 * metadata, the dist-tags and, in the full form, publish times.
 */
export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, PackumentVersion>;
  time?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * Reads a packument (full or abbreviated, `application/vnd.npm.install-v1+json`). Versions that
 * are not valid semver or have no tarball URL are left out: nothing could install them. An empty
 * `deprecated` (npm's way of clearing one) is dropped, so `deprecated` present means deprecated.
 */
export function parsePackument(document: unknown, name: string, where: string): Packument {
  if (!isRecord(document) || !isRecord(document.versions)) {
    throw new SourceError(`${where} answered for ${name} with no "versions"`, 'Check that the URL is an npm registry.');
  }
  const distTags: Record<string, string> = {};
  if (isRecord(document['dist-tags'])) {
    for (const [tag, version] of Object.entries(document['dist-tags'])) {
      if (typeof version === 'string') distTags[tag] = version;
    }
  }
  const versions: Record<string, PackumentVersion> = {};
  for (const [version, meta] of Object.entries(document.versions)) {
    if (semver().valid(version) !== version || !isRecord(meta) || !isRecord(meta.dist)) continue;
    const { tarball, shasum, integrity } = meta.dist;
    if (typeof tarball !== 'string') continue;
    const { deprecated, ...rest } = meta;
    const dist: PackumentVersion['dist'] = { ...meta.dist, tarball };
    if (typeof shasum !== 'string') delete dist.shasum;
    if (typeof integrity !== 'string') delete dist.integrity;
    const entry: PackumentVersion = { ...rest, version, dist };
    if (typeof deprecated === 'string' && deprecated !== '') entry.deprecated = deprecated;
    versions[version] = entry;
  }
  return { ...document, name, 'dist-tags': distTags, versions };
}

/** The `sha512-…` digest of a version: `dist.integrity` may list several (SRI); installing trusts only sha512. */
export function sha512Of(version: PackumentVersion): string | undefined {
  return version.dist.integrity?.split(/\s+/).find((token) => token.startsWith('sha512-'));
}

/** Every version, newest first. */
export function sortedVersions(packument: Packument): string[] {
  return semver().rsort(Object.keys(packument.versions));
}

/**
 * The version npm would install for `wanted` (a range, an exact version or a dist-tag), picked by
 * npm's own npm-pick-manifest: the `latest` dist-tag when it satisfies the range and is not
 * deprecated, else the highest satisfying version, preferring ones that are not deprecated;
 * pre-releases only when the range asks for them. So a version published under another tag
 * (`--tag next`) or a backport below `latest` is not picked unless asked for. Undefined when none fits.
 * @example
 * pickVersion(packument, '^1')?.version   // '1.4.2'
 * pickVersion(packument, 'next')?.version // '2.0.0-beta.1'
 */
export function pickVersion(packument: Packument, wanted: string): PackumentVersion | undefined {
  const versions: Record<string, { version: string; deprecated?: string }> = {};
  for (const [version, entry] of Object.entries(packument.versions)) {
    versions[version] = entry.deprecated === undefined ? { version } : { version, deprecated: entry.deprecated };
  }
  let picked: { version: string } | null;
  try {
    picked = pickManifest()({ name: packument.name, 'dist-tags': packument['dist-tags'], versions }, wanted);
  } catch (error) {
    // ETARGET: nothing satisfies the range; ENOVERSIONS: the package has no versions at all.
    const code = (error as { code?: unknown }).code;
    if (code === 'ETARGET' || code === 'ENOVERSIONS') return undefined;
    throw error;
  }
  return picked ? packument.versions[picked.version] : undefined;
}

/** Whether `wanted` names one of the package's dist-tags (`next`, `latest-1`) rather than a range. */
export function isDistTag(packument: Packument, wanted: string): boolean {
  return semver().validRange(wanted) === null && Object.hasOwn(packument['dist-tags'], wanted);
}

/**
 * The range to record when none was asked for: `^<major>` of the latest version (`^0.<minor>`
 * below 1.0, where every minor may break), so a later install never crosses a major unasked.
 */
export function defaultRange(packument: Packument): string | undefined {
  const latest = packument['dist-tags'].latest ?? sortedVersions(packument)[0];
  const parsed = latest === undefined ? null : semver().parse(latest);
  if (!parsed) return undefined;
  return parsed.major > 0 ? `^${parsed.major}` : `^0.${parsed.minor}`;
}
