import { createHash } from 'node:crypto';
import { MANIFEST_FILE } from '@mova/sdk/host';
import { SourceError } from './types.js';
import { readTarballFiles } from './untar.js';

// Defined beside the digests so that `@mova/runtime` exports it without loading the tarball reader.
export { IntegrityError } from './integrity.js';

/** The npm integrity of some bytes: `sha512-<base64>`, as `dist.integrity` and lockfiles write it. */
export function sha512Integrity(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** What running a connector needs from its npm tarball. */
export interface TarballFiles {
  manifestBytes: Buffer;
  bundleBytes: Buffer;
}

const BUNDLE_PATH = 'dist/connector.mjs';
// Far beyond any real connector, small enough that a hostile tarball cannot fill memory.
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_BUNDLE_BYTES = 48 * 1024 * 1024;
const WANTED = new Map([
  [MANIFEST_FILE, MAX_MANIFEST_BYTES],
  [BUNDLE_PATH, MAX_BUNDLE_BYTES],
]);

/**
 * Reads `mova.manifest.json` and `dist/connector.mjs` out of a verified npm tarball, in memory,
 * within the tarball limits of untar.ts (a bomb or a damaged tarball is refused, never waited on).
 * npm packs everything under one top folder (`package/`), which is skipped as npm skips it.
 * Nothing is written to disk, so paths in the archive cannot reach outside the store.
 */
export async function readConnectorTarball(bytes: Buffer, label: string): Promise<TarballFiles> {
  const found = await readTarballFiles(bytes, label, WANTED);
  const manifestBytes = found.get(MANIFEST_FILE);
  const bundleBytes = found.get(BUNDLE_PATH);
  if (!manifestBytes) {
    throw new SourceError(
      `${label} is not a MOVA connector: its tarball has no ${MANIFEST_FILE}`,
      'Connectors are published after `mova-connector build`, which writes the manifest; check the package name.',
    );
  }
  if (!bundleBytes) {
    throw new SourceError(
      `${label} has no ${BUNDLE_PATH} in its tarball`,
      'Build the connector (mova-connector build) before publishing, and keep "dist" in its "files".',
    );
  }
  return { manifestBytes, bundleBytes };
}
