import { MovaError } from '@mova/sdk/host';
import { semver } from '../semver.js';
import { closest } from '../suggest.js';
import { connectorShortName } from './lock-entries.js';
import type { ConnectorPackage, ConnectorSource } from './types.js';

/** No source has a version of the package that satisfies the range. */
export class ResolveError extends MovaError {
  declare readonly hint: string;
  constructor(
    message: string,
    hint: string,
    readonly available: string[],
  ) {
    super('E_RESOLVE', message, hint);
  }
}

/**
 * Picks, for a package and a semver range, the highest version any source has, and fetches it from
 * the first source (in the order given) that holds that version. Each `uses` resolves on its own,
 * so two ranges of one connector may run two versions side by side.
 * @example
 * const resolver = new Resolver([new WorkspaceSource('connectors'), new ConnectorStore(dir)]);
 * const github = await resolver.resolve('@mova/connector-github', '^2');
 */
export class Resolver {
  /** One object per build, so schemas compiled for a manifest are reused instead of piling up. */
  private readonly byIntegrity = new Map<string, ConnectorPackage>();

  constructor(readonly sources: readonly ConnectorSource[]) {}

  async resolve(packageName: string, range: string, options: { signal?: AbortSignal } = {}): Promise<ConnectorPackage> {
    const perSource = await Promise.all(this.sources.map((source) => source.versions(packageName, options)));
    const all = [...new Set(perSource.flat())].filter((v) => semver().valid(v) !== null);
    const best = semver().maxSatisfying(all, range);
    if (best === null) throw await this.notFound(packageName, range, all, options);
    const index = perSource.findIndex((versions) => versions.includes(best));
    const source = this.sources[index];
    if (!source) throw new ResolveError(`no source holds ${packageName}@${best}`, 'Check the sources.', all);
    const fetched = await source.fetch(packageName, best, options);
    const known = this.byIntegrity.get(fetched.integrity);
    if (known) return known;
    this.byIntegrity.set(fetched.integrity, fetched);
    return fetched;
  }

  private async notFound(packageName: string, range: string, versions: string[], options: { signal?: AbortSignal }) {
    const install = `mova-connector install ${connectorShortName(packageName)}@${range}`;
    if (versions.length > 0) {
      const sorted = semver().rsort([...versions]);
      return new ResolveError(
        `no version of ${packageName} matches "${range}"`,
        `Available: ${sorted.join(', ')}. Install a matching version from the registry with \`${install}\`, or widen the range.`,
        sorted,
      );
    }
    const known = (await Promise.all(this.sources.map((s) => s.packages?.(options) ?? Promise.resolve([])))).flat();
    const near = closest(packageName, known);
    const where = this.sources.map((s) => s.label).join(', ') || 'no sources';
    return new ResolveError(
      `${packageName} is not in ${where}`,
      near
        ? `Did you mean ${connectorShortName(near)} (${near})?`
        : `Install it from the registry with \`${install}\` (find connectors with \`mova-connector search <words>\`), or build it, or check its name.`,
      [],
    );
  }
}
