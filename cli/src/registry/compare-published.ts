import { diffManifests, type Manifest, type ManifestDiff, predecessorOf } from '@mova/sdk';
import semver from 'semver';
import type { MovaRegistry } from './client.js';
import { publishedManifest } from './published-manifest.js';

/** How a built manifest relates to what the registry already holds of the package. */
export interface Comparison {
  /** Every published version of the package (none on a first publish). */
  published: string[];
  /**
   * The highest published version that is neither a pre-release nor deprecated: what npm refuses to
   * move `latest` below without an explicit tag.
   */
  highest?: string;
  /** The version compared with: the highest below the new one, or the new one itself when it is taken. */
  previous?: string;
  diff?: ManifestDiff;
  /** Why versions exist but none could be compared with. */
  skipped?: string;
}

/**
 * Compares a connector's new manifest with the one published before it, read out of that version's
 * tarball: the marketplace entry lacks the connection schema and network policy, which the
 * comparison needs.
 */
export async function compareWithPublished(client: MovaRegistry, manifest: Manifest): Promise<Comparison> {
  const packument = await client.packument(manifest.package);
  if (!packument) return { published: [] };
  const published = Object.keys(packument.versions);
  const highest = semver.rsort(
    Object.values(packument.versions)
      .filter((v) => semver.valid(v.version) && semver.prerelease(v.version) === null && !v.deprecated)
      .map((v) => v.version),
  )[0];
  const previous = published.includes(manifest.version) ? manifest.version : predecessorOf(published, manifest.version);
  const metadata = previous ? packument.versions[previous] : undefined;
  const known = highest === undefined ? { published } : { published, highest };
  if (!previous || !metadata) {
    return { ...known, skipped: `no version below ${manifest.version} is published` };
  }
  const before = await publishedManifest(client, metadata);
  if (!before.manifest) return { ...known, previous, skipped: before.reason };
  return { ...known, previous, diff: diffManifests(before.manifest, manifest) };
}
