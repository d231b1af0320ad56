import { type ConnectorPackage, type ConnectorStore, ResolveError } from '@mova/runtime';
import { connectorShortName, findLocked, type Lockfile, Resolver } from '@mova/runtime/lockfile';
import type { EditorConnector } from './editor-schema.js';

/** The project's locked connector versions as read from the connector store, and those it lacks. */
export interface LockedConnectors {
  loaded: Map<string, ConnectorPackage>;
  /** `package@version` locked but not in the store (or not matching the lockfile), with why. */
  missing: { label: string; reason: string }[];
}

/**
 * Reads every locked version from the connector store, as a run would load it (content checked
 * against the lockfile's `contentIntegrity`), and never from the network: `schema` and `check`
 * work offline and in CI after `mova-connector install`.
 */
export async function readLockedConnectors(lock: Lockfile, store: ConnectorStore): Promise<LockedConnectors> {
  const loaded = new Map<string, ConnectorPackage>();
  const missing: LockedConnectors['missing'] = [];
  for (const [pkg, versions] of Object.entries(lock.connectors)) {
    for (const [version, entry] of Object.entries(versions)) {
      const label = `${pkg}@${version}`;
      if (!(await store.has(entry.contentIntegrity))) {
        missing.push({ label, reason: `is not in the connector store ${store.root}` });
        continue;
      }
      try {
        const stored = await store.get(entry.contentIntegrity);
        if (stored.package !== pkg || stored.version !== version) {
          missing.push({ label, reason: `is stored as ${stored.package}@${stored.version}` });
          continue;
        }
        loaded.set(label, stored);
      } catch (error) {
        missing.push({ label, reason: `cannot be read from the connector store: ${(error as Error).message}` });
      }
    }
  }
  return { loaded, missing };
}

/** The locked versions with their ranges, for the editor schema. */
export function editorConnectors(lock: Lockfile, connectors: LockedConnectors): EditorConnector[] {
  const out: EditorConnector[] = [];
  for (const [pkg, versions] of Object.entries(lock.connectors)) {
    for (const [version, entry] of Object.entries(versions)) {
      const stored = connectors.loaded.get(`${pkg}@${version}`);
      if (stored) out.push({ package: pkg, version, ranges: entry.ranges, manifest: stored.manifest });
    }
  }
  return out;
}

/**
 * Resolves `uses` from the lockfile and the versions read above only: a range the lockfile does
 * not lock, or a version the store lacks, is a located problem of the step, never a download.
 */
export class OfflineLockedResolver extends Resolver {
  constructor(
    private readonly lock: Lockfile,
    private readonly connectors: LockedConnectors,
  ) {
    super([]);
  }

  override async resolve(packageName: string, range: string): Promise<ConnectorPackage> {
    const install = `mova-connector install ${connectorShortName(packageName)}@${range}`;
    const match = findLocked(this.lock, packageName, range);
    if (!match) {
      const locked = Object.keys(this.lock.connectors[packageName] ?? {});
      throw new ResolveError(
        `mova.lock.json does not lock ${packageName}@${range}${locked.length ? ` (it locks ${locked.join(', ')})` : ''}`,
        `Run \`${install}\` in the project and commit mova.lock.json.`,
        locked,
      );
    }
    const label = `${match.package}@${match.version}`;
    const stored = this.connectors.loaded.get(label);
    if (!stored) {
      const reason = this.connectors.missing.find((m) => m.label === label)?.reason ?? 'is not in the connector store';
      throw new ResolveError(
        `${label} (locked in mova.lock.json) ${reason}`,
        'Add --fetch to download the locked versions (refused unless they match mova.lock.json), or run `mova-connector install` in the project.',
        [match.version],
      );
    }
    return stored;
  }
}
