import type { ConnectorStore } from './connector-store.js';
import type { Packument } from './packument.js';
import { RegistryClient, type RegistryOptions } from './registry-client.js';
import { type ConnectorPackage, type ConnectorSource, SourceError } from './types.js';

export interface RegistrySourceOptions extends RegistryOptions {
  /** Where downloaded versions are kept; a version it holds is not downloaded again. */
  store: ConnectorStore;
  /** How long a package document is reused before asking the registry again (default 30 s). */
  packumentTtlMs?: number;
}

/** A connector version that came from a registry: what runs, plus what a lockfile pins. */
export interface RegistryConnector extends ConnectorPackage {
  /** The tarball URL. */
  resolved: string;
  /** The npm integrity of the tarball (`dist.integrity`); `integrity` is the store's content integrity. */
  tarballIntegrity: string;
  /** The registry it came from, ending in `/`. */
  registry: string;
  deprecated?: string;
}

/**
 * Connector versions from any npm registry (MOVA's Verdaccio, a private registry, a mirror):
 * versions from the package document, and each version's tarball downloaded, verified against
 * its published sha512 before it is unpacked, and kept in the content-addressed ConnectorStore.
 * @example
 * const registry = new RegistrySource({ url: 'http://127.0.0.1:4873/', store: new ConnectorStore(dir) });
 * const github = await new Resolver([registry]).resolve('@mova/connector-github', '^2');
 */
export class RegistrySource implements ConnectorSource {
  readonly label: string;
  readonly client: RegistryClient;
  readonly store: ConnectorStore;
  private readonly ttlMs: number;
  private readonly packuments = new Map<string, { at: number; value: Promise<Packument | undefined> }>();

  constructor(options: RegistrySourceOptions) {
    this.client = new RegistryClient(options);
    this.store = options.store;
    this.ttlMs = options.packumentTtlMs ?? 30_000;
    this.label = `registry ${this.client.url}`;
  }

  /** The package document, or undefined when the registry does not have the package. */
  packument(packageName: string, options: { signal?: AbortSignal } = {}): Promise<Packument | undefined> {
    const cached = this.packuments.get(packageName);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.value;
    const value = this.client.packument(packageName, options);
    this.packuments.set(packageName, { at: Date.now(), value });
    // A failed lookup is not kept: the next call asks again.
    value.catch(() => this.packuments.delete(packageName));
    return value;
  }

  async versions(packageName: string, options: { signal?: AbortSignal } = {}): Promise<string[]> {
    const packument = await this.packument(packageName, options);
    return packument ? Object.keys(packument.versions) : [];
  }

  async fetch(
    packageName: string,
    version: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<RegistryConnector> {
    // Loaded at the first download, not with `@mova/runtime` (which every run loads).
    const [{ sha512Of, sortedVersions }, { installTarball }] = await Promise.all([
      import('./packument.js'),
      import('./tarball-install.js'),
    ]);
    const packument = await this.packument(packageName, options);
    if (!packument) {
      throw new SourceError(
        `${packageName} is not in ${this.label}`,
        'Check the name, or find connectors with mova-connector search.',
      );
    }
    const entry = packument.versions[version];
    if (!entry) {
      throw new SourceError(
        `${this.label} has no ${packageName}@${version}`,
        `Available: ${sortedVersions(packument).join(', ') || 'none'}.`,
      );
    }
    const integrity = sha512Of(entry);
    if (!integrity) {
      throw new SourceError(
        `${this.label} gives no sha512 integrity for ${packageName}@${version}`,
        'Without one the download cannot be verified, so it is refused; publish with a current npm.',
      );
    }
    const connector = await installTarball(
      { package: packageName, version, resolved: entry.dist.tarball, integrity, pinnedBy: this.label },
      { client: this.client, store: this.store, signal: options.signal },
    );
    const found: RegistryConnector = {
      ...connector,
      source: this.label,
      resolved: entry.dist.tarball,
      tarballIntegrity: integrity,
      registry: this.client.url,
    };
    if (entry.deprecated !== undefined) found.deprecated = entry.deprecated;
    return found;
  }
}
