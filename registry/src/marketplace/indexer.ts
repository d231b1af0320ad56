import type { PackageSource } from '../verdaccio/package-source.js';
import type { Packument, VersionMetadata } from '../verdaccio/types.js';
import { buildEntry, schemaIssues } from './entry.js';
import type { ManifestCache } from './manifest-cache.js';
import { type ManifestFile, readManifestFile } from './manifest-file.js';
import type { MarketplaceIndex } from './marketplace-index.js';

// Reading tarballs is I/O bound; a few at a time keeps a start over a large storage quick without
// opening hundreds of files at once.
const PARALLEL_PACKAGES = 4;

/** The file name of a version's tarball in storage: the last part of its `dist.tarball` URL. */
export function tarballName(name: string, metadata: VersionMetadata): string {
  const url = metadata.dist?.tarball;
  if (url) {
    const last = new URL(url, 'http://registry.invalid/').pathname.split('/').pop();
    if (last) return decodeURIComponent(last);
  }
  return `${name.replace(/^@[^/]+\//, '')}-${metadata.version}.tgz`;
}

/**
 * Keeps the marketplace index in step with storage: reads each version's manifest out of its
 * tarball once per tarball checksum (kept across restarts by the manifest cache).
 */
export class Indexer {
  readonly #source: PackageSource;
  readonly #index: MarketplaceIndex;
  readonly #manifests: ManifestCache;
  readonly #queue = new Map<string, Promise<void>>();

  constructor(source: PackageSource, index: MarketplaceIndex, manifests: ManifestCache) {
    this.#source = source;
    this.#index = index;
    this.#manifests = manifests;
  }

  /** Indexes every package storage holds. */
  async rebuild(): Promise<void> {
    const names = await this.#source.names();
    this.#manifests.keepPackages(new Set(names));
    const workers = Array.from({ length: PARALLEL_PACKAGES }, async () => {
      for (let name = names.shift(); name !== undefined; name = names.shift()) await this.refresh(name);
    });
    await Promise.all(workers);
  }

  /**
   * Re-reads one package after it changed (published, deprecated, unpublished). Refreshes of one
   * package run one after another, so the last change always wins.
   */
  refresh(name: string): Promise<void> {
    const previous = this.#queue.get(name) ?? Promise.resolve();
    const next = previous.then(() => this.#read(name));
    const tracked = next.finally(() => {
      if (this.#queue.get(name) === tracked) this.#queue.delete(name);
    });
    this.#queue.set(name, tracked);
    return next;
  }

  /** Resolves when every refresh asked for so far is done. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#queue.values()]);
  }

  /** Resolves once no refresh is queued or running, those asked for while it waits included. */
  async idle(): Promise<void> {
    while (this.#queue.size > 0) await this.settled();
  }

  async #read(name: string): Promise<void> {
    const packument = await this.#source.packument(name);
    if (!packument) {
      this.#index.remove(name);
      this.#manifests.keepVersions(name, new Set());
      return;
    }
    this.#manifests.keepVersions(name, new Set(Object.keys(packument.versions)));
    const entry = buildEntry(packument, await this.#manifestsOf(packument));
    if (entry) this.#index.upsert(entry);
    else this.#index.remove(name);
  }

  async #manifestsOf(packument: Packument): Promise<Map<string, ManifestFile>> {
    const files = new Map<string, ManifestFile>();
    for (const metadata of Object.values(packument.versions)) {
      const checksum = metadata.dist?.integrity ?? metadata.dist?.shasum;
      const cached = this.#manifests.get(packument.name, metadata.version, checksum);
      if (cached) {
        files.set(metadata.version, cached);
        continue;
      }
      const read = await readManifestFile(this.#source.tarball(packument.name, tarballName(packument.name, metadata)));
      // Checked once per tarball and kept with it: validating is most of what a start costs.
      const file: ManifestFile = read.kind === 'found' ? { ...read, issues: schemaIssues(read.manifest) } : read;
      // An unreadable tarball may be a passing storage error: the cache leaves it to be read next time.
      this.#manifests.set(packument.name, metadata.version, checksum, file);
      files.set(metadata.version, file);
    }
    return files;
  }
}
