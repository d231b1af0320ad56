import { Readable } from 'node:stream';
import {
  diffManifests,
  isBumpEnough,
  type Manifest,
  type ManifestChange,
  predecessorOf,
  suggestVersion,
  validateManifest,
} from '@mova/sdk';
import { tarballName } from '../marketplace/indexer.js';
import { type ManifestFile, readManifestFile } from '../marketplace/manifest-file.js';
import { httpError } from '../verdaccio/http-error.js';
import type { PackageSource } from '../verdaccio/package-source.js';
import type { Packument } from '../verdaccio/types.js';

const NEEDS = { major: 'breaking', minor: 'feature', patch: 'fix' } as const;

/** How many of the changes that need the bump the refusal names; the rest are counted. */
const LISTED = 3;

/** A version being published: its number and the tarball npm sent with it. */
export interface IncomingVersion {
  version: string;
  tarball: Buffer;
}

function connectorManifest(file: ManifestFile): Manifest | undefined {
  if (file.kind !== 'found') return undefined;
  // validateManifest fills schema defaults into what it checks; compare the manifest as published.
  return validateManifest(structuredClone(file.manifest)).length === 0 ? (file.manifest as Manifest) : undefined;
}

/**
 * Refuses a connector version whose manifest changed more than its version number says, compared
 * with the highest version published below it (as `mova-connector publish` checks before sending):
 * a removed action published as a minor, say. This holds for any client, plain `npm publish`
 * included. Packages without a valid manifest are not connectors and pass; so does a first version.
 */
export async function checkBump(
  name: string,
  incoming: IncomingVersion,
  stored: Packument | undefined,
  source: PackageSource,
): Promise<void> {
  if (!stored) return;
  const published = Object.keys(stored.versions);
  const previous = predecessorOf(published, incoming.version);
  const metadata = previous === undefined ? undefined : stored.versions[previous];
  if (previous === undefined || !metadata) return;
  const after = connectorManifest(await readManifestFile(Readable.from([incoming.tarball])));
  if (!after) return;
  const before = connectorManifest(await readManifestFile(source.tarball(name, tarballName(name, metadata))));
  if (!before) return;
  const diff = diffManifests(before, after);
  if (isBumpEnough(previous, incoming.version, diff.bump)) return;
  const needed = diff.changes.filter((change) => change.kind === NEEDS[diff.bump]);
  const suggestion = suggestVersion(previous, diff.bump, published);
  throw httpError(
    422,
    `${name}@${incoming.version} is too small a bump for what changed since ${previous}: it needs a ${diff.bump} ` +
      `(${suggestion}), because ${listed(needed)}. Set "version": "${suggestion}" in package.json, or undo the changes.`,
  );
}

function listed(changes: ManifestChange[]): string {
  const shown = changes.slice(0, LISTED).map((change) => `${change.message} (${change.pointer})`);
  const more = changes.length > LISTED ? ` and ${changes.length - LISTED} more` : '';
  return `${shown.join('; ')}${more}`;
}
