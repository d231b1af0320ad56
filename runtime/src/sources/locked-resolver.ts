import { basename } from 'node:path';
import { semver } from '../semver.js';
import { closest } from '../suggest.js';
import type { ConnectorStore } from './connector-store.js';
import { connectorShortName, findLocked, type LockedMatch } from './lock-entries.js';
import type { Lockfile } from './lockfile.js';
import { LOCKFILE_NAME, LockfileError } from './lockfile-error.js';
import type { RegistryOptions } from './registry-client.js';
import { ResolveError, Resolver } from './resolver.js';
import { type ConnectorPackage, SourceError } from './types.js';

export interface LockedResolverOptions {
  /** A `mova.lock.json` path, or the parsed lockfile. */
  lockfile: string | Lockfile;
  /** Where locked versions are kept; a missing one is downloaded into it. */
  store: ConnectorStore;
  /** The token for downloads from this registry (a locked `resolved` URL on another registry gets none). */
  registry?: RegistryOptions;
}

/**
 * Resolves every `uses` from a lockfile, never from a registry's version list: `x@range` runs
 * exactly the version the lockfile pins for it. The version's content comes from the store only
 * when it hashes to the lockfile's `contentIntegrity`; when the store lacks it, the tarball is
 * downloaded from `resolved` and refused unless it hashes to the lockfile's `integrity`.
 * @example
 * const resolver = new LockedResolver({ lockfile: 'mova.lock.json', store: new ConnectorStore(dir) });
 * const runtime = createRuntime({ resolver });
 */
export class LockedResolver extends Resolver {
  private readonly store: ConnectorStore;
  private readonly registry: RegistryOptions | undefined;
  private readonly file: string;
  private readonly lock: Promise<Lockfile>;
  private readonly loaded = new Map<string, Promise<ConnectorPackage>>();

  constructor(options: LockedResolverOptions) {
    super([options.store]);
    this.store = options.store;
    this.registry = options.registry;
    const { lockfile } = options;
    this.file = typeof lockfile === 'string' ? basename(lockfile) : LOCKFILE_NAME;
    this.lock = typeof lockfile === 'string' ? loadLockfile(lockfile) : Promise.resolve(lockfile);
    // Awaited by every resolve; this keeps a broken lockfile from being an unhandled rejection meanwhile.
    this.lock.catch(() => {});
  }

  override async resolve(
    packageName: string,
    range: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<ConnectorPackage> {
    const lock = await this.lock.catch((error: unknown) => {
      if (error instanceof LockfileError) throw new ResolveError(error.message, error.hint ?? '', []);
      throw error;
    });
    const match = findLocked(lock, packageName, range);
    if (!match) {
      const locked = semver().rsort(Object.keys(lock.connectors[packageName] ?? {}));
      const install = `mova-connector install ${connectorShortName(packageName)}@${range}`;
      // A package the lockfile has never heard of is more often a typo than a missing install.
      const near = locked.length === 0 ? closest(packageName, Object.keys(lock.connectors)) : undefined;
      throw new ResolveError(
        `${this.file} does not lock ${packageName}@${range}${locked.length ? ` (it locks ${locked.join(', ')})` : ''}`,
        `${near ? `Did you mean ${connectorShortName(near)} (${near})? If not, run` : 'Run'} \`${install}\` in the folder of ${this.file}, then run again.`,
        locked,
      );
    }
    const key = `${match.package}@${match.version}`;
    let pending = this.loaded.get(key);
    if (!pending) {
      pending = this.load(match, options.signal);
      this.loaded.set(key, pending);
      pending.catch(() => this.loaded.delete(key));
    }
    return pending;
  }

  private async load(match: LockedMatch, signal: AbortSignal | undefined): Promise<ConnectorPackage> {
    const { entry } = match;
    const label = `${match.package}@${match.version}`;
    if (await this.store.has(entry.contentIntegrity)) {
      const stored = await this.store.get(entry.contentIntegrity).catch((error: unknown) => {
        throw new SourceError(
          `${label} (locked in ${this.file}) cannot be used from the connector store: ${(error as Error).message}`,
          `Remove the damaged copy (${this.store.root}/content/…) and run \`mova-connector install\`: the tarball is downloaded and verified again.`,
          { cause: error },
        );
      });
      return this.checked(stored, match);
    }
    // Loaded at the first download: a run with a lockfile usually finds every locked version in the store.
    const [{ normalizeRegistryUrl, RegistryClient }, { installTarball }] = await Promise.all([
      import('./registry-client.js'),
      import('./tarball-install.js'),
    ]);
    const ours = this.registry && normalizeRegistryUrl(this.registry.url) === entry.registry;
    const client = new RegistryClient({
      url: entry.registry,
      token: ours ? this.registry?.token : undefined,
      timeoutMs: this.registry?.timeoutMs,
    });
    const fetched = await installTarball(
      {
        package: match.package,
        version: match.version,
        resolved: entry.resolved,
        integrity: entry.integrity,
        pinnedBy: this.file,
      },
      {
        client,
        store: this.store,
        signal,
        hint: `Nothing was stored. Published versions never change, so the registry or something on the way served other bytes than when ${this.file} was written (or its integrity was edited). Check the registry; if the lockfile is wrong, restore it from version control.`,
      },
    );
    return this.checked(fetched, match);
  }

  private checked(pkg: ConnectorPackage, match: LockedMatch): ConnectorPackage {
    if (
      pkg.integrity === match.entry.contentIntegrity &&
      pkg.package === match.package &&
      pkg.version === match.version
    ) {
      return pkg;
    }
    throw new SourceError(
      `${match.package}@${match.version} unpacks to ${pkg.package}@${pkg.version} with content ${pkg.integrity}, but ${this.file} pins content ${match.entry.contentIntegrity}`,
      `The tarball matches its integrity, so ${this.file} was edited: restore it from version control or run \`mova-connector install\` again.`,
    );
  }
}

async function loadLockfile(path: string): Promise<Lockfile> {
  const { readLockfile } = await import('./lockfile.js');
  const lock = await readLockfile(path);
  if (lock) return lock;
  throw new LockfileError(basename(path), [
    {
      pointer: '',
      message: 'does not exist',
      hint: `Create it with \`mova-connector install <connector>@<range>\` in ${path.slice(0, -basename(path).length) || '.'}.`,
    },
  ]);
}
