import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectorProject } from '../project.js';

/**
 * Why the manifest must be rebuilt before it can be trusted, or undefined when it is fresh:
 * it is missing, the bundle is missing, or a source file (src/, package.json) is newer.
 */
export async function staleReason(project: ConnectorProject): Promise<string | undefined> {
  const manifest = await mtime(project.manifest);
  if (manifest === undefined) return 'mova.manifest.json is missing';
  if ((await mtime(project.bundle)) === undefined) return 'the bundle is missing';
  for (const source of project.sources) {
    if ((await newest(source)) > manifest) return 'the source changed since the last build';
  }
  return undefined;
}

async function mtime(file: string): Promise<number | undefined> {
  return stat(file).then(
    (s) => s.mtimeMs,
    () => undefined,
  );
}

/** The newest modification time of a file, or of any file under a folder. */
async function newest(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    latest = Math.max(latest, await newest(join(path, entry.name)));
  }
  return latest;
}
