import { type ConnectorSource, WorkspaceSource } from '@mova/runtime';
import type { BuildResult } from '../build/build-project.js';
import { ensureManifest } from '../build/ensure-manifest.js';
import { readProject } from '../project.js';

/** A connector folder `run --connector` uses instead of installed versions. */
export interface LocalConnector {
  package: string;
  version: string;
  dir: string;
  integrity: string;
  /** Why it was rebuilt before this run; undefined when its build was already fresh. */
  rebuilt?: string;
  source: ConnectorSource;
}

type RunBuild = (
  reason: string,
  work: (onStep: (step: string) => void) => Promise<BuildResult>,
) => Promise<BuildResult>;

/**
 * Reads each local connector folder, building it first when its source changed since the last
 * build (or it was never built), so what runs is always the code on disk.
 */
export async function openLocalConnectors(dirs: string[], runBuild: RunBuild): Promise<LocalConnector[]> {
  const locals: LocalConnector[] = [];
  for (const dir of dirs) {
    const project = await readProject(dir);
    const read = await ensureManifest(project, runBuild);
    const source = WorkspaceSource.folder(project.dir);
    const built = await source.fetch(project.name, project.version);
    locals.push({
      package: project.name,
      version: project.version,
      dir: project.dir,
      integrity: built.integrity,
      ...(read.build ? { rebuilt: read.build.reason } : {}),
      source,
    });
  }
  return locals;
}

/** `source` without the packages the local folders supply, so an installed version never wins over them. */
export function hidingLocal(source: ConnectorSource, locals: LocalConnector[]): ConnectorSource {
  const hidden = new Set(locals.map((local) => local.package));
  return {
    label: source.label,
    versions: (name, options) => (hidden.has(name) ? Promise.resolve([]) : source.versions(name, options)),
    fetch: (name, version, options) => source.fetch(name, version, options),
    ...(source.packages
      ? { packages: async (options) => ((await source.packages?.(options)) ?? []).filter((name) => !hidden.has(name)) }
      : {}),
  };
}
