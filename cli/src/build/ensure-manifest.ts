import { readFile } from 'node:fs/promises';
import { displayPath } from '../paths.js';
import type { ConnectorProject } from '../project.js';
import { IssuesError } from '../user-error.js';
import type { BuildResult } from './build-project.js';
import { staleReason } from './freshness.js';

export interface ManifestRead {
  /** Parsed but not yet validated: the caller decides what to check. */
  manifest: unknown;
  /** Set when the manifest was stale and has just been rebuilt. */
  build?: BuildResult & { reason: string };
}

/**
 * Returns the project's manifest, building first when it is missing or older than the source, so
 * commands that read it never act on a stale one.
 */
export async function ensureManifest(
  project: ConnectorProject,
  runBuild: (reason: string, work: (onStep: (step: string) => void) => Promise<BuildResult>) => Promise<BuildResult>,
): Promise<ManifestRead> {
  const reason = await staleReason(project);
  if (reason) {
    // The builder (esbuild and the TypeScript checks) loads only when a connector needs rebuilding:
    // `mova-connector run` imports this module on every start.
    const { buildProject } = await import('./build-project.js');
    const build = await runBuild(reason, (onStep) => buildProject(project, onStep));
    return { manifest: build.manifest, build: { ...build, reason } };
  }
  return { manifest: await readManifest(project) };
}

async function readManifest(project: ConnectorProject): Promise<unknown> {
  const text = await readFile(project.manifest, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new IssuesError('the manifest is not JSON', [
      {
        file: displayPath(project.manifest),
        pointer: '',
        message: `not valid JSON: ${(error as Error).message}`,
        hint: 'Run `mova-connector build` to write it again.',
      },
    ]);
  }
}
