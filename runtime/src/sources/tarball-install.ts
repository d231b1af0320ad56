import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { MANIFEST_FILE } from '@mova/sdk/host';
import { makeDir } from '../make-dir.js';
import type { ConnectorStore } from './connector-store.js';
import { integrityHex } from './integrity.js';
import { parseManifest } from './read-connector.js';
import type { RegistryClient } from './registry-client.js';
import { IntegrityError, readConnectorTarball, sha512Integrity } from './tarball.js';
import { type ConnectorPackage, SourceError } from './types.js';

/** One published version: where its tarball is and the npm integrity it must hash to. */
export interface TarballRef {
  package: string;
  version: string;
  /** The tarball URL. */
  resolved: string;
  /** `sha512-…` of the tarball bytes. */
  integrity: string;
  /** Who pinned the integrity, for the refusal message: "the registry" or "mova.lock.json". */
  pinnedBy: string;
}

const TAMPERED_HINT =
  'Nothing was stored. The bytes changed after they were published (a damaged mirror or proxy, or a tampered registry), ' +
  'and published versions never change: check the registry before installing again.';

/**
 * Makes a published version available from the store: when the store already holds what this
 * tarball unpacks to (the `tarballs/` links beside the content record that), nothing is
 * downloaded; otherwise the tarball is downloaded, its sha512 checked against `ref.integrity`
 * BEFORE anything in it is read, its manifest checked to name this very package and version, and
 * its manifest and bundle stored by their content integrity.
 */
export async function installTarball(
  ref: TarballRef,
  context: { client: RegistryClient; store: ConnectorStore; signal?: AbortSignal; hint?: string },
): Promise<ConnectorPackage> {
  const { client, store, signal } = context;
  const label = `${ref.package}@${ref.version}`;
  const linked = await readLink(store, ref.integrity);
  if (linked && (await store.has(linked))) return sameVersion(await store.get(linked), ref, store.root);

  const bytes = await client.tarball(ref.resolved, { signal });
  const actual = sha512Integrity(bytes);
  if (actual !== ref.integrity) {
    if (endsEarly(bytes)) {
      throw new SourceError(
        `the download of ${label} from ${ref.resolved} ended early: ${bytes.length} bytes that stop in the middle of the tarball`,
        'The connection was cut (or a proxy cut it short); nothing was stored. Install again.',
      );
    }
    throw new IntegrityError(
      ref.package,
      ref.version,
      ref.integrity,
      actual,
      ref.resolved,
      ref.pinnedBy,
      context.hint ?? TAMPERED_HINT,
    );
  }
  const files = await readConnectorTarball(bytes, label);
  const manifest = parseManifest(files.manifestBytes, `${MANIFEST_FILE} of ${label}`);
  if (manifest.package !== ref.package || manifest.version !== ref.version) {
    throw new SourceError(
      `the tarball of ${label} carries the manifest of ${manifest.package}@${manifest.version}`,
      'A package may only carry its own connector; rebuild it (mova-connector build) and publish a new version.',
    );
  }
  const stored = await store.addFiles(files.manifestBytes, files.bundleBytes, `${MANIFEST_FILE} of ${label}`);
  await writeLink(store, ref.integrity, stored.integrity);
  return sameVersion(await store.get(stored.integrity), ref, store.root);
}

/**
 * A gzip stream cut short, as a dropped connection leaves it: it stops before its tar archive's end
 * (two zero blocks). Bytes that were changed, or added after the end, still inflate to a whole archive.
 */
function endsEarly(bytes: Buffer): boolean {
  try {
    gunzipSync(bytes);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'Z_BUF_ERROR') return false;
  }
  const tar = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  const end = tar.subarray(Math.max(0, tar.length - 1024));
  return tar.length % 512 !== 0 || end.length < 1024 || !end.every((byte) => byte === 0);
}

function sameVersion(pkg: ConnectorPackage, ref: TarballRef, root: string): ConnectorPackage {
  if (pkg.package === ref.package && pkg.version === ref.version) return pkg;
  throw new SourceError(
    `${ref.package}@${ref.version} is linked in ${pkg.source} to the content of ${pkg.package}@${pkg.version}`,
    `The store is damaged: remove ${linkPath(root, ref.integrity)} and install again.`,
  );
}

/** `<store>/tarballs/<hex of the tarball's sha512>` names the content integrity that tarball unpacked to. */
function linkPath(root: string, tarballIntegrity: string): string {
  return join(root, 'tarballs', integrityHex(tarballIntegrity));
}

async function readLink(store: ConnectorStore, tarballIntegrity: string): Promise<string | undefined> {
  try {
    const text = (await readFile(linkPath(store.root, tarballIntegrity), 'utf8')).trim();
    return text.startsWith('sha512-') ? text : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeLink(store: ConnectorStore, tarballIntegrity: string, contentIntegrity: string): Promise<void> {
  const path = linkPath(store.root, tarballIntegrity);
  await makeDir(join(store.root, 'tarballs'));
  // Two installs of one tarball write the same link; the atomic rename makes either one win whole.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(path, `${contentIntegrity}\n`);
}
