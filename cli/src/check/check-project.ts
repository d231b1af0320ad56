import { stat } from 'node:fs/promises';
import { checkConventions, type Manifest, validateManifest } from '@mova/sdk';
import { locateIn } from '../build/build-project.js';
import { displayPath } from '../paths.js';
import type { ConnectorProject } from '../project.js';
import type { LocatedIssue } from '../user-error.js';

/**
 * Everything `validate` checks once the manifest is fresh: the manifest against its schema (and each
 * embedded schema and example), then, on a valid manifest, the conventions of a publishable
 * connector; and that the bundle the manifest describes exists.
 */
export async function checkProject(project: ConnectorProject, manifest: unknown): Promise<LocatedIssue[]> {
  const problems = validateManifest(manifest);
  // Conventions read a well-formed manifest; on a broken one they would only add noise.
  const issues = locateIn(project.manifest, problems.length > 0 ? problems : checkConventions(manifest as Manifest));
  const bundle = await stat(project.bundle).catch(() => undefined);
  if (!bundle?.isFile()) {
    issues.push({
      file: displayPath(project.bundle),
      pointer: '',
      message: 'the bundle is missing',
      hint: 'Run `mova-connector build`.',
    });
  }
  return issues;
}
