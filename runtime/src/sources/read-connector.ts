import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { formatIssue, type Manifest, validateManifest } from '@mova/sdk/host';
import { contentIntegrity } from './integrity.js';
import { SourceError } from './types.js';

export interface ConnectorFiles {
  manifest: Manifest;
  manifestBytes: Buffer;
  bundleBytes: Buffer;
  integrity: string;
}

/** Reads a built connector's manifest and bundle, checks the manifest and computes the integrity. */
export async function readConnector(manifestPath: string, bundlePath: string): Promise<ConnectorFiles> {
  let manifestBytes: Buffer;
  let bundleBytes: Buffer;
  try {
    [manifestBytes, bundleBytes] = await Promise.all([readFile(manifestPath), readFile(bundlePath)]);
  } catch (error) {
    throw new SourceError(
      `cannot read the connector at ${manifestPath}: ${(error as Error).message}`,
      'Build the connector (mova-connector build) so it has mova.manifest.json and dist/connector.mjs.',
      { cause: error },
    );
  }
  const manifest = parseManifest(manifestBytes, manifestPath);
  return { manifest, manifestBytes, bundleBytes, integrity: contentIntegrity(manifestBytes, bundleBytes) };
}

/**
 * Digests of manifests that passed validation. A connector is resolved again on every run, and
 * checking its manifest against the manifest schema costs 1–2 ms; hashing it costs microseconds.
 * Bounded, since a long-lived runtime may see many versions.
 */
const validManifests = new Set<string>();
const MAX_REMEMBERED = 1000;

/** Parses and checks a manifest; a broken one is refused with its first problems listed. */
export function parseManifest(bytes: Buffer, where: string): Manifest {
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new SourceError(`${where} is not valid JSON`, 'Rebuild the connector.', { cause: error });
  }
  const digest = createHash('sha256').update(bytes).digest('base64');
  if (validManifests.has(digest)) return document as Manifest;
  const issues = validateManifest(document);
  if (issues.length > 0) {
    throw new SourceError(
      `${where} is not a valid manifest: ${issues.slice(0, 3).map(formatIssue).join('; ')}`,
      'Rebuild the connector with a current mova-connector.',
    );
  }
  if (validManifests.size >= MAX_REMEMBERED) validManifests.clear();
  validManifests.add(digest);
  return document as Manifest;
}
