import { buildManifest, type Issue, type Manifest, validateManifest } from '@mova/sdk';
import writeFileAtomic from 'write-file-atomic';
import { displayPath } from '../paths.js';
import type { ConnectorProject } from '../project.js';
import { type ReadmeChange, updateReadme } from '../readme/update-readme.js';
import { IssuesError, type LocatedIssue } from '../user-error.js';
import { bundleConnector } from './bundle.js';
import { loadBundle } from './load.js';

export interface BuildResult {
  manifest: Manifest;
  bundle: { file: string; bytes: number };
  readme: ReadmeChange;
  warnings: LocatedIssue[];
}

/**
 * Bundles, loads the bundle, writes `mova.manifest.json` from the connector it exports and, when the
 * manifest is valid, regenerates the README reference. An invalid manifest is still written, so the
 * located problems point into a file the user can open; the build then fails with them.
 */
export async function buildProject(
  project: ConnectorProject,
  onStep: (step: string) => void = () => {},
): Promise<BuildResult> {
  onStep('bundling');
  const bundle = await bundleConnector(project);
  onStep('loading the connector');
  const connector = await loadBundle(project);
  onStep('writing the manifest');
  const manifest = buildManifest(connector, { name: project.name, version: project.version });
  await writeFileAtomic(project.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  const issues = validateManifest(manifest);
  if (issues.length > 0) {
    throw new IssuesError(`${displayPath(project.manifest)} is invalid`, locateIn(project.manifest, issues));
  }
  onStep('updating README.md');
  const readme = await updateReadme(project.readme, manifest);
  return { manifest, bundle: { file: bundle.file, bytes: bundle.bytes }, readme, warnings: bundle.warnings };
}

/** Names `file` on each issue, so it prints as `file#/pointer: message (hint)`. */
export function locateIn(file: string, issues: Issue[]): LocatedIssue[] {
  return issues.map((issue) => ({ file: displayPath(file), ...issue }));
}
