import type { Dirent, Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE, type Manifest } from '@mova/sdk/host';
import { assertConfined, assertManifestConfined } from './confine.js';
import { readConnector } from './read-connector.js';
import { type ConnectorPackage, type ConnectorSource, SourceError } from './types.js';

const BUNDLE = join('dist', 'connector.mjs');

/**
 * Connectors built in a folder of packages, such as the repository's `connectors/`: every
 * `<root>/*\/` holding `mova.manifest.json` and `dist/connector.mjs`. The folder is looked at on
 * each lookup, so a rebuilt connector is seen at once; a file whose size, times and inode are
 * unchanged since it was last read is not read (nor its bundle hashed) again. A folder whose
 * manifest, `dist/` or anything in `dist/` is a symbolic link out of it is refused.
 * @example
 * const source = new WorkspaceSource('/work/main/connectors');
 */
export class WorkspaceSource implements ConnectorSource {
  readonly label: string;
  private readonly root: string;
  /** The root is one connector package, not a folder of them. */
  private readonly single: boolean;
  /** Manifest path → what it named, when it was read. */
  private readonly heads = new Map<string, { stamp: string; head: ManifestHead | undefined }>();
  /** Package folder → its manifest and content integrity, when both files were last read. */
  private readonly builds = new Map<string, { stamp: string; manifest: Manifest; integrity: string }>();

  constructor(root: string, options: { single?: boolean } = {}) {
    this.root = resolve(root);
    this.single = options.single ?? false;
    this.label = `${this.single ? 'connector folder' : 'workspace'} ${this.root}`;
  }

  /**
   * One connector package folder (holding `mova.manifest.json` and `dist/connector.mjs`), such as
   * the connector a test or a local dev loop runs.
   * @example
   * const source = WorkspaceSource.folder('./my-connector');
   */
  static folder(dir: string): WorkspaceSource {
    return new WorkspaceSource(dir, { single: true });
  }

  async versions(packageName: string): Promise<string[]> {
    const found = await this.scan();
    return [...(found.get(packageName)?.keys() ?? [])];
  }

  async packages(): Promise<string[]> {
    return [...(await this.scan()).keys()];
  }

  async fetch(packageName: string, version: string): Promise<ConnectorPackage> {
    const dir = (await this.scan()).get(packageName)?.get(version);
    if (!dir) {
      throw new SourceError(
        `${this.label} has no ${packageName}@${version}`,
        'Build the connector (mova-connector build) in the workspace.',
      );
    }
    const bundlePath = join(dir, BUNDLE);
    const manifestPath = join(dir, MANIFEST_FILE);
    // Checked on every fetch, not only on a rebuild: a link can appear beside an unchanged bundle.
    await assertConfined(dir, MANIFEST_FILE);
    const stamp = (await Promise.all([stampOf(manifestPath), stampOf(bundlePath)])).join('|');
    let build = this.builds.get(dir);
    if (build?.stamp !== stamp) {
      const files = await readConnector(manifestPath, bundlePath);
      build = { stamp, manifest: files.manifest, integrity: files.integrity };
      this.builds.set(dir, build);
    }
    return {
      package: packageName,
      version,
      // A copy: whoever gets the package may not change what the next lookup returns.
      manifest: structuredClone(build.manifest),
      bundlePath,
      integrity: build.integrity,
      source: this.label,
    };
  }

  /** Package name → version → folder, from each folder's manifest; folders not built yet are skipped. */
  private async scan(): Promise<Map<string, Map<string, string>>> {
    const found = new Map<string, Map<string, string>>();
    await Promise.all(
      (await this.packageDirs()).map(async (dir) => {
        await assertManifestConfined(dir, MANIFEST_FILE);
        const head = await this.headOf(join(dir, MANIFEST_FILE));
        if (!head) return;
        let versions = found.get(head.package);
        if (!versions) {
          versions = new Map();
          found.set(head.package, versions);
        }
        versions.set(head.version, dir);
      }),
    );
    return found;
  }

  private async packageDirs(): Promise<string[]> {
    if (this.single) return [this.root];
    let entries: Dirent[];
    try {
      entries = await readdir(this.root, { withFileTypes: true });
    } catch (error) {
      throw new SourceError(`cannot read ${this.label}`, 'Check the workspace folder exists.', { cause: error });
    }
    return entries.filter((entry) => entry.isDirectory()).map((entry) => join(this.root, entry.name));
  }

  private async headOf(path: string): Promise<ManifestHead | undefined> {
    const stamp = await stampOf(path);
    if (stamp === undefined) return undefined;
    const known = this.heads.get(path);
    if (known?.stamp === stamp) return known.head;
    const head = await readManifestHead(path);
    this.heads.set(path, { stamp, head });
    return head;
  }
}

interface ManifestHead {
  package: string;
  version: string;
}

/**
 * What changes when a file is rewritten: size, modification and change times, and the inode (a
 * build replaces its files by renaming new ones over them). Undefined when there is no file.
 */
async function stampOf(path: string): Promise<string | undefined> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch {
    return undefined;
  }
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

/** The package and version a manifest names, or undefined when there is no readable manifest. */
async function readManifestHead(path: string): Promise<ManifestHead | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const head: unknown = JSON.parse(text);
    if (head && typeof head === 'object' && 'package' in head && 'version' in head) {
      const { package: pkg, version } = head;
      if (typeof pkg === 'string' && typeof version === 'string') return { package: pkg, version };
    }
  } catch {
    // A half-written manifest (a build in progress) is skipped like a missing one; fetch reports real breakage.
  }
  return undefined;
}
