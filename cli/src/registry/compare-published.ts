import { diffManifests, type Manifest, type ManifestDiff } from '@mova/sdk';
import type { RegistryClient } from './client.js';
import { publishedManifest } from './published-manifest.js';
import { predecessorOf } from './version-check.js';

/** How a built manifest relates to what the registry already holds of the package. */
export interface Comparison {
  /** Every published version of the package (none on a first publish). */
  published: string[];
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
export async function compareWithPublished(client: RegistryClient, manifest: Manifest): Promise<Comparison> {
  const packument = await client.packument(manifest.package);
  if (!packument) return { published: [] };
  const published = Object.keys(packument.versions);
  const previous = published.includes(manifest.version) ? manifest.version : predecessorOf(published, manifest.version);
  const metadata = previous ? packument.versions[previous] : undefined;
  if (!previous || !metadata) {
    return { published, skipped: `no version below ${manifest.version} is published` };
  }
  const before = await publishedManifest(client, metadata);
  if (!before.manifest) return { published, previous, skipped: before.reason };
  return { published, previous, diff: diffManifests(before.manifest, manifest) };
}
