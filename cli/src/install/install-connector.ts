import type { RegistryConnector, RegistrySource } from '@mova/runtime';
import { type Lockfile, lockRange } from '@mova/runtime/lockfile';
import { defaultRange, isDistTag, pickVersion, sortedVersions } from '@mova/runtime/registry';
import semver from 'semver';
import { compatibleRange, shortNameOf } from '../registry/names.js';
import { UserError } from '../user-error.js';

/** What `install` locked for one connector range. */
export interface InstalledConnector {
  package: string;
  range: string;
  version: string;
  /** The version the range was locked to before, when it was locked. */
  previous?: string;
  resolved: string;
  /** npm integrity of the tarball. */
  integrity: string;
  /** Integrity of the manifest and bundle: what runs record. */
  contentIntegrity: string;
  registry: string;
  deprecated?: string;
  actions: string[];
  /** A ready `uses:` value for the first action. */
  uses: string;
  /** Where its sandbox may connect: declared hosts, and connection fields that name one more. */
  network: { allow: string[]; connectionHosts: string[] };
}

/**
 * Installs the version of `packageName` npm would pick for `range` (default `^<latest major>`): the
 * `latest` dist-tag when the range allows it, else the highest version it allows. A dist-tag
 * (`next`) picks the version it points at and locks the range npm would save for it (`^2.0.0-beta.1`).
 * Downloads it, verifies it, stores it, and locks the range to it.
 */
export async function installConnector(
  source: RegistrySource,
  lock: Lockfile,
  packageName: string,
  range: string | undefined,
  /** The listed connector whose name is nearest, for a "did you mean" when `packageName` is not there. */
  nearest?: (packageName: string) => Promise<string | undefined>,
): Promise<{ lock: Lockfile; installed: InstalledConnector }> {
  const packument = await source.packument(packageName);
  if (!packument) {
    const near = await nearest?.(packageName).catch(() => undefined);
    const meant = near ? `Did you mean \`mova-connector install ${shortNameOf(near)}\`? ` : '';
    throw new UserError(
      `${packageName} is not in the registry ${source.client.url}`,
      `${meant}Check the name, or find connectors with \`mova-connector search ${searchWords(packageName)}\`.`,
      1,
    );
  }
  const tag = range !== undefined && isDistTag(packument, range) ? range : undefined;
  if (range !== undefined && tag === undefined && semver.validRange(range) === null) {
    const tags = Object.keys(packument['dist-tags']);
    throw new UserError(
      `"${range}" is not a semver range, nor a dist-tag of ${packageName}`,
      `Write a version or a range after @, e.g. ${shortNameOf(packageName)}@^1, ${shortNameOf(packageName)}@~1.4 or ${shortNameOf(packageName)}@1.4.2${tags.length > 0 ? `, or one of its tags: ${tags.join(', ')}` : ''}.`,
    );
  }
  const asked = range ?? defaultRange(packument);
  const picked = asked === undefined ? undefined : pickVersion(packument, asked);
  if (asked === undefined || !picked) {
    const available = sortedVersions(packument);
    const newest = available[0];
    throw new UserError(
      asked === undefined
        ? `${packageName} has no versions on ${source.client.url}`
        : `no version of ${packageName} matches "${asked}"`,
      available.length === 0
        ? 'Publish a version first.'
        : `Available: ${available.join(', ')}.${newest ? ` Install the newest with \`mova-connector install ${shortNameOf(packageName)}@${compatibleRange(newest)}\`.` : ''}`,
      1,
    );
  }
  // A tag moves; the lockfile and workflows keep a range, the one npm saves for `npm i x@<tag>`.
  const wanted = tag === undefined ? asked : tagRange(picked.version);
  const connector = await source.fetch(packageName, picked.version);
  const previous = Object.entries(lock.connectors[packageName] ?? {}).find(([, e]) => e.ranges.includes(wanted))?.[0];
  return {
    lock: lockRange(lock, packageName, wanted, connector.version, pinOf(connector)),
    installed: describe(connector, wanted, previous),
  };
}

/** What npm saves for `npm install x@<tag>`: `^<version>` (`^2.1.0`, `^2.0.0-beta.1`). */
function tagRange(version: string): string {
  return `^${version}`;
}

/** What a lockfile entry records of a downloaded version. */
export function pinOf(connector: RegistryConnector) {
  return {
    resolved: connector.resolved,
    integrity: connector.tarballIntegrity,
    contentIntegrity: connector.integrity,
    registry: connector.registry,
  };
}

function describe(connector: RegistryConnector, range: string, previous: string | undefined): InstalledConnector {
  const actions = connector.manifest.actions.map((action) => action.key);
  const installed: InstalledConnector = {
    package: connector.package,
    range,
    version: connector.version,
    resolved: connector.resolved,
    integrity: connector.tarballIntegrity,
    contentIntegrity: connector.integrity,
    registry: connector.registry,
    actions,
    uses: `${shortNameOf(connector.package)}/${actions[0] ?? '<action>'}@${range}`,
    network: {
      allow: [...connector.manifest.network.allow],
      connectionHosts: [...(connector.manifest.network.connectionHosts ?? [])],
    },
  };
  if (previous !== undefined) installed.previous = previous;
  if (connector.deprecated !== undefined) installed.deprecated = connector.deprecated;
  return installed;
}

/** `@mova/connector-github` is found by searching `github`. */
function searchWords(packageName: string): string {
  return shortNameOf(packageName).replace(/^@[^/]+\/(connector-)?/, '');
}
