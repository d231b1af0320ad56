import { randomUUID } from 'node:crypto';
import { link, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE } from '@mova/sdk/host';
import { makeDir } from '../make-dir.js';
import { assertConfined } from './confine.js';
import { contentIntegrity, integrityHex } from './integrity.js';
import { type ConnectorFiles, parseManifest, readConnector } from './read-connector.js';
import { type ConnectorPackage, type ConnectorSource, SourceError } from './types.js';

const BUNDLE_FILE = 'connector.mjs';

/** What `add` stored. */
export interface StoredConnector {
  package: string;
  version: string;
  integrity: string;
}

/**
 * A content-addressed store of connector versions on local disk:
 * `content/<sha512 hex>/{mova.manifest.json,connector.mjs}` holds each distinct build once, and
 * `index/<package>/<version>` names the integrity of each version. Versions are immutable: adding
 * different content under a stored version is refused. Content is checked against its address
 * the first time this process loads it.
 * @example
 * const store = new ConnectorStore('/var/lib/mova/connectors');
 * const { integrity } = await store.add('connectors/github'); // sha512-…
 */
export class ConnectorStore implements ConnectorSource {
  readonly label: string;
  readonly root: string;
  private readonly verified = new Set<string>();

  constructor(root: string) {
    this.root = resolve(root);
    this.label = `store ${this.root}`;
  }

  /** Copies a built connector package (`mova.manifest.json` + `dist/connector.mjs`) into the store. */
  async add(dir: string): Promise<StoredConnector> {
    await assertConfined(dir, MANIFEST_FILE);
    return this.put(await readConnector(join(dir, MANIFEST_FILE), join(dir, 'dist', BUNDLE_FILE)));
  }

  /** Stores a manifest and bundle read from elsewhere (a registry tarball); `where` names them in errors. */
  async addFiles(manifestBytes: Buffer, bundleBytes: Buffer, where: string): Promise<StoredConnector> {
    const manifest = parseManifest(manifestBytes, where);
    return this.put({ manifest, manifestBytes, bundleBytes, integrity: contentIntegrity(manifestBytes, bundleBytes) });
  }

  /** True when the store holds content under this integrity (whether it is intact is checked by `get`). */
  async has(integrity: string): Promise<boolean> {
    return exists(this.contentDir(integrity));
  }

  private async put(files: ConnectorFiles): Promise<StoredConnector> {
    const { manifest, integrity } = files;
    const contentDir = this.contentDir(integrity);
    if (!(await exists(contentDir))) {
      const tmp = join(this.root, 'tmp', randomUUID());
      await makeDir(tmp);
      await writeFile(join(tmp, MANIFEST_FILE), files.manifestBytes);
      await writeFile(join(tmp, BUNDLE_FILE), files.bundleBytes);
      await makeDir(join(this.root, 'content'));
      // Another writer may have stored the same content meanwhile; the address makes both copies equal.
      await rename(tmp, contentDir).catch(async (error: NodeJS.ErrnoException) => {
        await rm(tmp, { recursive: true, force: true });
        if (error.code !== 'EEXIST' && error.code !== 'ENOTEMPTY') throw error;
      });
    }
    await this.index(manifest.package, manifest.version, integrity);
    return { package: manifest.package, version: manifest.version, integrity };
  }

  async versions(packageName: string): Promise<string[]> {
    try {
      return (await readdir(this.indexDir(packageName))).filter((name) => !name.startsWith('.'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async packages(): Promise<string[]> {
    try {
      return (await readdir(join(this.root, 'index'))).map(decodeURIComponent);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** The integrity stored for a version, or undefined when the store does not hold it. */
  async integrityOf(packageName: string, version: string): Promise<string | undefined> {
    try {
      return (await readFile(join(this.indexDir(packageName), version), 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async fetch(packageName: string, version: string): Promise<ConnectorPackage> {
    const integrity = await this.integrityOf(packageName, version);
    if (!integrity) {
      throw new SourceError(`${this.label} has no ${packageName}@${version}`, 'Add it with ConnectorStore.add(dir).');
    }
    const pkg = await this.get(integrity);
    if (pkg.package !== packageName || pkg.version !== version) {
      throw new SourceError(
        `${this.label}: the index entry ${packageName}@${version} points at ${pkg.package}@${pkg.version}`,
        'The store index is damaged; add the connector again.',
      );
    }
    return pkg;
  }

  /** A stored build by its integrity (what a lockfile pins); its content is checked against the address. */
  async get(integrity: string): Promise<ConnectorPackage> {
    const dir = this.contentDir(integrity);
    const manifestPath = join(dir, MANIFEST_FILE);
    const bundlePath = join(dir, BUNDLE_FILE);
    let manifestBytes: Buffer;
    if (this.verified.has(integrity)) {
      manifestBytes = await readFile(manifestPath);
    } else {
      const files = await readConnector(manifestPath, bundlePath).catch((error: unknown) => {
        throw new SourceError(`${this.label} has no content ${integrity}`, 'Add the connector again.', {
          cause: error,
        });
      });
      if (files.integrity !== integrity) {
        throw new SourceError(
          `${this.label}: the content stored as ${integrity} was changed (it hashes to ${files.integrity})`,
          'Someone edited files in the store; remove that folder and add the connector again.',
        );
      }
      this.verified.add(integrity);
      manifestBytes = files.manifestBytes;
    }
    const manifest = parseManifest(manifestBytes, manifestPath);
    return {
      package: manifest.package,
      version: manifest.version,
      manifest,
      bundlePath,
      integrity,
      source: this.label,
    };
  }

  private async index(packageName: string, version: string, integrity: string): Promise<void> {
    const dir = this.indexDir(packageName);
    const entry = join(dir, version);
    await makeDir(dir);
    const tmp = join(dir, `.${randomUUID()}`);
    await writeFile(tmp, `${integrity}\n`);
    try {
      // link() fails when the entry exists, so two writers cannot both claim a version.
      await link(tmp, entry);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = await this.integrityOf(packageName, version);
      if (existing !== integrity) {
        throw new SourceError(
          `${packageName}@${version} is already stored with different content (${existing})`,
          'Versions are immutable: bump the version and build again.',
        );
      }
    } finally {
      await unlink(tmp).catch(() => {});
    }
  }

  private contentDir(integrity: string): string {
    return join(this.root, 'content', integrityHex(integrity));
  }

  private indexDir(packageName: string): string {
    return join(this.root, 'index', encodeURIComponent(packageName));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
