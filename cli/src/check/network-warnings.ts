import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkExampleHosts, type Manifest, unallowedHostsInSource } from '@mova/sdk';
import { locateIn } from '../build/build-project.js';
import { displayPath } from '../paths.js';
import type { ConnectorProject } from '../project.js';
import type { LocatedIssue } from '../user-error.js';

/**
 * Warnings, not failures: hosts the connector's examples or tests reach that its network policy
 * would block in the sandbox (a test may also reach a host on purpose, to check the refusal).
 */
export async function networkWarnings(project: ConnectorProject, manifest: Manifest): Promise<LocatedIssue[]> {
  const warnings = locateIn(project.manifest, checkExampleHosts(manifest));
  for (const file of await testFiles(join(project.dir, 'test'))) {
    const source = await readFile(file, 'utf8');
    for (const hit of unallowedHostsInSource(manifest, source)) {
      warnings.push({ file: `${displayPath(file)}:${hit.line}`, pointer: '', message: hit.message, hint: hit.hint });
    }
  }
  return warnings;
}

async function testFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
