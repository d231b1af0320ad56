import type { PackumentVersion } from '@mova/runtime/registry';
import { type Manifest, validateManifest } from '@mova/sdk';
import type { MovaRegistry } from './client.js';

/** What a published version carries: a valid manifest, or why there is none to use. */
export type PublishedManifest = { manifest: Manifest } | { manifest: undefined; reason: string };

function isValidManifest(value: unknown): value is Manifest {
  // validateManifest may fill schema defaults into what it checks; keep the manifest as published.
  return validateManifest(structuredClone(value)).length === 0;
}

/** Reads and checks the `mova.manifest.json` in a published version's tarball. */
export async function publishedManifest(client: MovaRegistry, version: PackumentVersion): Promise<PublishedManifest> {
  const manifest = await client.manifestOf(version);
  if (manifest === undefined)
    return { manifest: undefined, reason: `${version.version} carries no mova.manifest.json` };
  if (!isValidManifest(manifest)) {
    return { manifest: undefined, reason: `the mova.manifest.json of ${version.version} is not valid` };
  }
  return { manifest };
}
