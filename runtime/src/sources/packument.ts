/// <reference path="../types/npm-pick-manifest.d.ts" />
import pickManifest from 'npm-pick-manifest';
import semver from 'semver';
import { isRecord } from '../is-record.js';
import { SourceError } from './types.js';

/** One version as a registry lists it: where its tarball is and the digest it was published with. */
export interface PackumentVersion {
  version: string;
  /** `dist.tarball`: the URL the registry serves the tarball at. */
  tarball: string;
  /** The `sha512-…` part of `dist.integrity`; undefined when the registry gives none. */
  integrity?: string;
  /** The deprecation message, when the version is deprecated. */
  deprecated?: string;
}

/** The parts of an npm package document (a "packument") that installing needs. */
export interface Packument {
  name: string;
  distTags: Record<string, string>;
  versions: Map<string, PackumentVersion>;
}

/**
 * Reads a packument (full or abbreviated, `application/vnd.npm.install-v1+json`). Versions that
 * are not valid semver or have no tarball URL are left out: nothing could install them.
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
  const versions = new Map<string, PackumentVersion>();
  for (const [version, meta] of Object.entries(document.versions)) {
    if (semver.valid(version) !== version || !isRecord(meta) || !isRecord(meta.dist)) continue;
    const { tarball, integrity } = meta.dist;
    if (typeof tarball !== 'string') continue;
    const entry: PackumentVersion = { version, tarball };
    const sha512 = typeof integrity === 'string' ? sha512Of(integrity) : undefined;
    if (sha512) entry.integrity = sha512;
    if (typeof meta.deprecated === 'string' && meta.deprecated !== '') entry.deprecated = meta.deprecated;
    versions.set(version, entry);
  }
  return { name, distTags, versions };
}

/** `dist.integrity` may list several digests (SRI); installing trusts only sha512. */
function sha512Of(integrity: string): string | undefined {
  return integrity.split(/\s+/).find((token) => token.startsWith('sha512-'));
}

/** Every version, newest first. */
export function sortedVersions(packument: Packument): string[] {
  return semver.rsort([...packument.versions.keys()]);
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
  for (const [version, entry] of packument.versions) {
    versions[version] = entry.deprecated === undefined ? { version } : { version, deprecated: entry.deprecated };
  }
  let picked: { version: string } | null;
  try {
    picked = pickManifest({ name: packument.name, 'dist-tags': packument.distTags, versions }, wanted);
  } catch (error) {
    // ETARGET: nothing satisfies the range; ENOVERSIONS: the package has no versions at all.
    const code = (error as { code?: unknown }).code;
    if (code === 'ETARGET' || code === 'ENOVERSIONS') return undefined;
    throw error;
  }
  return picked ? packument.versions.get(picked.version) : undefined;
}

/** Whether `wanted` names one of the package's dist-tags (`next`, `latest-1`) rather than a range. */
export function isDistTag(packument: Packument, wanted: string): boolean {
  return semver.validRange(wanted) === null && Object.hasOwn(packument.distTags, wanted);
}

/**
 * The range to record when none was asked for: `^<major>` of the latest version (`^0.<minor>`
 * below 1.0, where every minor may break), so a later install never crosses a major unasked.
 */
export function defaultRange(packument: Packument): string | undefined {
  const latest = packument.distTags.latest ?? sortedVersions(packument)[0];
  const parsed = latest === undefined ? null : semver.parse(latest);
  if (!parsed) return undefined;
  return parsed.major > 0 ? `^${parsed.major}` : `^0.${parsed.minor}`;
}
