import type { ConnectorPackage } from '@mova/runtime';
import { LockedResolver, lockedRanges } from '@mova/runtime/lockfile';
import { asUserError } from '../install/errors.js';
import { openProject, type WorkflowProject } from '../install/project.js';
import { resolveRegistry } from '../registry/config.js';
import { type LockedConnectors, readLockedConnectors } from './locked-connectors.js';
import { findWorkflowFiles, type WorkflowFile } from './workflow-files.js';

/** A workflow project as `schema` and `check` read it: lockfile, locked versions from the store, workflow files. */
export interface EditorProject extends WorkflowProject {
  connectors: LockedConnectors;
  workflows: WorkflowFile[];
}

export interface OpenOptions {
  /**
   * Download locked versions the connector store lacks, from the lockfile's `resolved` URLs,
   * refused unless they hash to its integrity (what `run` does); without it nothing is downloaded.
   */
  fetch?: boolean;
}

/** Opens the project in `dir`; a broken lockfile is a located problem (exit 1), never a stack trace. */
export async function openEditorProject(
  dir: string,
  dataDir: string,
  options: OpenOptions = {},
): Promise<EditorProject> {
  try {
    const project = await openProject(dir, dataDir);
    let connectors = await readLockedConnectors(project.lock, project.store);
    if (options.fetch && connectors.missing.length > 0) {
      await fetchMissing(project, connectors);
      connectors = await readLockedConnectors(project.lock, project.store);
    }
    const workflows = await findWorkflowFiles(project.dir);
    return { ...project, connectors, workflows };
  } catch (error) {
    throw asUserError(error);
  }
}

/** Each missing locked version through the LockedResolver: downloaded, verified, stored. */
async function fetchMissing(project: WorkflowProject, connectors: LockedConnectors): Promise<void> {
  const missing = new Set(connectors.missing.map((m) => m.label));
  const { url, token } = await resolveRegistry({});
  const resolver = new LockedResolver({
    lockfile: project.lock,
    store: project.store,
    registry: token ? { url, token } : { url },
  });
  const seen = new Set<string>();
  for (const locked of lockedRanges(project.lock)) {
    const label = `${locked.package}@${locked.version}`;
    if (!missing.has(label) || seen.has(label)) continue;
    seen.add(label);
    await resolver.resolve(locked.package, locked.range);
  }
}

/** `package@version` of every locked version read, sorted. */
export function lockedLabels(connectors: Map<string, ConnectorPackage>): string[] {
  return [...connectors.keys()].sort();
}
