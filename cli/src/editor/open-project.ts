import type { ConnectorPackage } from '@mova/runtime';
import { asUserError } from '../install/errors.js';
import { openProject, type WorkflowProject } from '../install/project.js';
import { type LockedConnectors, readLockedConnectors } from './locked-connectors.js';
import { findWorkflowFiles, type WorkflowFile } from './workflow-files.js';

/** A workflow project as `schema` and `check` read it: lockfile, locked versions from the store, workflow files. */
export interface EditorProject extends WorkflowProject {
  connectors: LockedConnectors;
  workflows: WorkflowFile[];
}

/** Opens the project in `dir`; a broken lockfile is a located problem (exit 1), never a stack trace. */
export async function openEditorProject(dir: string, dataDir: string): Promise<EditorProject> {
  try {
    const project = await openProject(dir, dataDir);
    const connectors = await readLockedConnectors(project.lock, project.store);
    const workflows = await findWorkflowFiles(project.dir);
    return { ...project, connectors, workflows };
  } catch (error) {
    throw asUserError(error);
  }
}

/** `package@version` of every locked version read, sorted. */
export function lockedLabels(connectors: Map<string, ConnectorPackage>): string[] {
  return [...connectors.keys()].sort();
}
