import { type Issue, MANIFEST_FILE, type Manifest, type ManifestAction, validateManifest } from '@mova/sdk';
import semver from 'semver';
import type { Packument, VersionMetadata } from '../verdaccio/types.js';
import type { ManifestFile } from './manifest-file.js';
import { publishChecksOf } from './package-files.js';
import { qualityOf } from './quality.js';
import type { ConnectorAction, ConnectorEntry, ConnectorTrigger, ConnectorVersion } from './types.js';

interface CheckedManifest {
  manifest: Manifest | null;
  issues: Issue[];
}

/** validateManifest checked the value against the manifest schema: no issues means it is a Manifest. */
function manifestIsValid(manifest: unknown, issues: Issue[]): manifest is Manifest {
  return issues.length === 0;
}

/** What validateManifest finds wrong with a manifest read out of a tarball. */
export function schemaIssues(manifest: unknown): Issue[] {
  // validateManifest fills schema defaults into what it checks; the entry shows the manifest as published.
  return validateManifest(structuredClone(manifest));
}

/** Validates the manifest (unless its issues are known already) and checks it describes this very package version. */
export function checkManifest(name: string, version: string, file: ManifestFile): CheckedManifest {
  if (file.kind === 'missing') {
    return {
      manifest: null,
      issues: [
        {
          pointer: '',
          message: `the package has no ${MANIFEST_FILE}`,
          hint: `Build the connector with \`mova-connector build\` and list ${MANIFEST_FILE} in package.json "files".`,
        },
      ],
    };
  }
  if (file.kind === 'unreadable') return { manifest: null, issues: [{ pointer: '', message: file.reason }] };
  const issues = file.issues ?? schemaIssues(file.manifest);
  if (!manifestIsValid(file.manifest, issues)) return { manifest: null, issues };
  const { manifest } = file;
  const mismatches: Issue[] = [];
  if (manifest.package !== name) {
    mismatches.push({
      pointer: '/package',
      message: `names package "${manifest.package}" but was published as "${name}"`,
      hint: 'Rebuild the manifest after renaming the package.',
    });
  }
  if (manifest.version !== version) {
    mismatches.push({
      pointer: '/version',
      message: `says version ${manifest.version} but was published as ${version}`,
      hint: 'Rebuild the manifest after bumping the version (`mova-connector build`).',
    });
  }
  return mismatches.length > 0 ? { manifest: null, issues: mismatches } : { manifest, issues: [] };
}

function actionOf(action: ManifestAction): ConnectorAction {
  return {
    key: action.key,
    title: action.title,
    description: action.description ?? null,
    input: action.input,
    output: action.output,
    examples: action.examples,
  };
}

function describeVersion(
  name: string,
  metadata: VersionMetadata,
  publishedAt: string | undefined,
  file: ManifestFile,
): ConnectorVersion & { manifest: Manifest | null } {
  const { manifest, issues } = checkManifest(name, metadata.version, file);
  return {
    version: metadata.version,
    publishedAt: publishedAt ?? null,
    publisher: metadata._npmUser?.name ?? null,
    deprecated: metadata.deprecated ? metadata.deprecated : null,
    downloads: 0,
    valid: manifest !== null,
    issues,
    title: manifest?.title ?? null,
    description: manifest?.description ?? null,
    categories: manifest?.categories ?? [],
    authKind: manifest?.auth.kind ?? null,
    actions: manifest?.actions.map(actionOf) ?? [],
    triggers: manifest?.triggers.map((t): ConnectorTrigger => ({ ...actionOf(t), kind: t.kind })) ?? [],
    sdkVersion: manifest?.sdkVersion ?? null,
    manifest,
  };
}

/**
 * Builds the marketplace entry of a package from its packument and the manifest read out of each
 * version's tarball. Returns undefined, so the package stays unlisted, when its `latest` version has
 * no valid manifest: that is the version `npm install` and the runtime would get.
 */
export function buildEntry(
  packument: Packument,
  manifests: ReadonlyMap<string, ManifestFile>,
): ConnectorEntry | undefined {
  const latestVersion = packument['dist-tags'].latest;
  if (!latestVersion) return undefined;
  const versions = Object.values(packument.versions)
    .filter((metadata) => semver.valid(metadata.version))
    .sort((a, b) => semver.rcompare(a.version, b.version))
    .map((metadata) =>
      describeVersion(
        packument.name,
        metadata,
        packument.time?.[metadata.version],
        manifests.get(metadata.version) ?? { kind: 'missing' },
      ),
    );
  const latest = versions.find((v) => v.version === latestVersion);
  if (!latest?.manifest) return undefined;
  const { manifest } = latest;
  const latestFile = manifests.get(latestVersion);
  const checks = publishChecksOf(packument.versions[latestVersion]);
  const quality = qualityOf({
    actions: [...manifest.actions, ...manifest.triggers],
    auth: manifest.auth,
    files: latestFile?.kind === 'found' ? latestFile.files : { readme: false, testFiles: false },
    checks,
    deprecated: latest.deprecated,
  });
  return {
    name: packument.name,
    connector: manifest.name,
    title: manifest.title,
    description: manifest.description,
    categories: manifest.categories,
    authKind: manifest.auth.kind,
    auth: manifest.auth,
    network: { allow: manifest.network.allow, connectionHosts: manifest.network.connectionHosts ?? [] },
    icon: manifest.icon ?? null,
    keywords: packument.versions[latestVersion]?.keywords ?? [],
    latestVersion,
    publisher: latest.publisher,
    deprecated: latest.deprecated,
    downloads: 0,
    quality: quality.score,
    qualityCriteria: quality.criteria,
    checks,
    actions: latest.actions,
    triggers: latest.triggers,
    versions: versions.map(({ manifest: _manifest, ...version }) => version),
  };
}
