import { SDK_VERSION } from '@mova/sdk';
import { JsonFileWriter, readJsonFile } from '../json-file.js';
import type { ManifestFile } from './manifest-file.js';

// Raised when what a cached record holds changes meaning (ManifestFile or PackageFiles gain a
// field): a file of another format is dropped and every tarball read once again. A record keeps
// validateManifest's verdict too, which another SDK may give differently: another SDK version
// drops the file the same way.
const FORMAT = 1;
const FORMAT_KEY = `${FORMAT}/${SDK_VERSION}`;
const WRITE_DELAY_MS = 1000;

/** One version's manifest as read out of its tarball, with the checksum of the tarball it came from. */
interface CachedManifest {
  checksum: string;
  file: ManifestFile;
}

interface CacheFile {
  /** The file format and the @mova/sdk version that validated the manifests. */
  format: string;
  /** Package name → version → what its tarball held. */
  packages: Record<string, Record<string, CachedManifest>>;
}

function isCachedManifest(value: unknown): value is CachedManifest {
  if (typeof value !== 'object' || value === null) return false;
  const { checksum, file } = value as Record<string, unknown>;
  if (typeof checksum !== 'string' || typeof file !== 'object' || file === null) return false;
  const { kind, files, issues } = file as Record<string, unknown>;
  if (kind === 'missing') return true;
  if (kind !== 'found' || typeof files !== 'object' || files === null) return false;
  if (issues !== undefined && !Array.isArray(issues)) return false;
  const { readme, testFiles } = files as Record<string, unknown>;
  return typeof readme === 'boolean' && typeof testFiles === 'boolean';
}

/**
 * The manifests read out of published tarballs, kept in a file of the data dir so a restart reads
 * no tarball whose checksum (`dist.integrity`) it has seen: with 1,000 connectors a start re-reading
 * every tarball took 13 s. A record is only used while the version's checksum is the same, so a
 * republished or repaired tarball is read again; a missing, damaged or older-format file only
 * costs one full re-read.
 */
export class ManifestCache {
  readonly #packages: Map<string, Map<string, CachedManifest>>;
  readonly #writer: JsonFileWriter;
  #timer: NodeJS.Timeout | undefined;
  #saved: Promise<void> = Promise.resolve();

  private constructor(file: string, packages: Map<string, Map<string, CachedManifest>>) {
    this.#writer = new JsonFileWriter(file);
    this.#packages = packages;
  }

  /** Loads the file; never fails on its content (a damaged file is reported and starts an empty cache). */
  static async load(file: string): Promise<ManifestCache> {
    const packages = new Map<string, Map<string, CachedManifest>>();
    let stored: unknown;
    try {
      stored = await readJsonFile<unknown>(file, undefined);
    } catch (error) {
      process.emitWarning(
        `the marketplace's manifest cache ${file} could not be read (${(error as Error).message}); every tarball is read again and the file rewritten`,
        'MovaRegistryWarning',
      );
    }
    const content = typeof stored === 'object' && stored !== null ? (stored as Partial<CacheFile>) : undefined;
    if (content?.format === FORMAT_KEY && typeof content.packages === 'object' && content.packages !== null) {
      for (const [name, versions] of Object.entries(content.packages)) {
        if (typeof versions !== 'object' || versions === null) continue;
        const kept = new Map<string, CachedManifest>();
        for (const [version, record] of Object.entries(versions))
          if (isCachedManifest(record)) kept.set(version, record);
        packages.set(name, kept);
      }
    }
    return new ManifestCache(file, packages);
  }

  /** How many versions have a record. */
  get size(): number {
    let size = 0;
    for (const versions of this.#packages.values()) size += versions.size;
    return size;
  }

  /** The manifest read from `name@version`'s tarball, when that tarball still has this checksum. */
  get(name: string, version: string, checksum: string | undefined): ManifestFile | undefined {
    const record = this.#packages.get(name)?.get(version);
    return record && checksum !== undefined && record.checksum === checksum ? record.file : undefined;
  }

  /** Keeps what a tarball held; one without a checksum cannot be recognised later and is not kept. */
  set(name: string, version: string, checksum: string | undefined, file: ManifestFile): void {
    if (checksum === undefined || file.kind === 'unreadable') return;
    let versions = this.#packages.get(name);
    if (!versions) {
      versions = new Map();
      this.#packages.set(name, versions);
    }
    versions.set(version, { checksum, file });
    this.#queueSave();
  }

  /** Forgets the versions of `name` not in `versions` (unpublished ones); none left forgets the package. */
  keepVersions(name: string, versions: ReadonlySet<string>): void {
    const records = this.#packages.get(name);
    if (!records) return;
    for (const version of records.keys()) {
      if (!versions.has(version)) {
        records.delete(version);
        this.#queueSave();
      }
    }
    if (records.size === 0) this.#packages.delete(name);
  }

  /** Forgets every package not in `names` (after a full rebuild: packages gone from storage). */
  keepPackages(names: ReadonlySet<string>): void {
    for (const name of this.#packages.keys()) {
      if (!names.has(name)) {
        this.#packages.delete(name);
        this.#queueSave();
      }
    }
  }

  /** Writes what changed now; resolves once every change made so far is on disk. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#save();
    }
    await this.#saved;
  }

  // A start that reads every tarball, or a burst of publishes, changes many records in a row and the
  // file holds them all: one write a second at most, of everything changed by then.
  #queueSave(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#save();
    }, WRITE_DELAY_MS).unref();
  }

  #save(): void {
    const packages = Object.fromEntries(
      [...this.#packages].map(([name, versions]) => [name, Object.fromEntries(versions)]),
    );
    const content: CacheFile = { format: FORMAT_KEY, packages };
    this.#saved = this.#writer.write(content).catch((error: Error) => {
      process.emitWarning(
        `could not save the marketplace's manifest cache: ${error.message}; the next start reads the tarballs again`,
        'MovaRegistryWarning',
      );
    });
  }
}
