import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE } from '@mova/sdk';
import { readConnector } from './read-connector.js';
import { type ConnectorPackage, type ConnectorSource, SourceError } from './types.js';

const BUNDLE = join('dist', 'connector.mjs');

/**
 * Connectors built in a folder of packages, such as the repository's `connectors/`: every
 * `<root>/*\/` holding `mova.manifest.json` and `dist/connector.mjs`. The folder is read on each
 * lookup, so a rebuilt connector is seen at once.
 * @example
 * const source = new WorkspaceSource('/work/main/connectors');
 */
export class WorkspaceSource implements ConnectorSource {
  readonly label: string;
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.label = `workspace ${this.root}`;
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
    const files = await readConnector(join(dir, MANIFEST_FILE), bundlePath);
    return {
      package: packageName,
      version,
      manifest: files.manifest,
      bundlePath,
      integrity: files.integrity,
      source: this.label,
    };
  }

  /** Package name → version → folder, from each folder's manifest; folders not built yet are skipped. */
  private async scan(): Promise<Map<string, Map<string, string>>> {
    const found = new Map<string, Map<string, string>>();
    let entries: Dirent[];
    try {
      entries = await readdir(this.root, { withFileTypes: true });
    } catch (error) {
      throw new SourceError(`cannot read ${this.label}`, 'Check the workspace folder exists.', { cause: error });
    }
    await Promise.all(
      entries
        .filter((entry) => entry.isDirectory())
        .map(async (entry) => {
          const dir = join(this.root, entry.name);
          const head = await readManifestHead(join(dir, MANIFEST_FILE));
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
}

/** The package and version a manifest names, or undefined when there is no readable manifest. */
async function readManifestHead(path: string): Promise<{ package: string; version: string } | undefined> {
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
