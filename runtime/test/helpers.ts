import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildManifest, isConnector, MANIFEST_FILE } from '@mova/sdk';
import { connectionsFrom } from '../src/connections/connections.js';
import type { RunEvent } from '../src/events.js';
import { createRuntime, type RuntimeOptions } from '../src/runtime.js';
import { WorkspaceSource } from '../src/sources/workspace-source.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import type { Step, Workflow } from '../src/workflow/types.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/connectors', import.meta.url));

/**
 * Writes each fixture's mova.manifest.json from its bundle with the SDK's buildManifest, as
 * `mova-connector build` would. Atomic, so test files running at once never see half a file.
 */
export async function buildFixtureManifests(): Promise<void> {
  const dirs = (await readdir(FIXTURES, { withFileTypes: true })).filter((d) => d.isDirectory());
  await Promise.all(
    dirs.map(async ({ name }) => {
      const dir = join(FIXTURES, name);
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      const mod = await import(pathToFileURL(join(dir, 'dist', 'connector.mjs')).href);
      if (!isConnector(mod.default)) throw new Error(`${dir} does not export a connector`);
      const manifest = buildManifest(mod.default, { name: pkg.name, version: pkg.version });
      const tmp = join(dir, `.${MANIFEST_FILE}.${process.pid}.${Math.random().toString(36).slice(2)}`);
      await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
      await rename(tmp, join(dir, MANIFEST_FILE));
    }),
  );
}

export async function tempDir(prefix = 'mova-runtime-'): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A workflow with the given steps and no inputs required. */
export function workflow(steps: Step[], extra: Partial<Workflow> = {}): Workflow {
  return { mova: '1.0', name: 'test', inputs: { type: 'object' }, steps, ...extra };
}

/** A runtime over the fixture connectors with a fresh embedded store; records every event. */
export async function testRuntime(options: RuntimeOptions = {}) {
  const dir = await tempDir();
  const events: RunEvent[] = [];
  const store = options.store ?? new FileRunStore(dir.path);
  const runtime = createRuntime({
    sources: [new WorkspaceSource(FIXTURES)],
    connections: connectionsFrom({ tools: { connector: 'tools', auth: { token: 'tok-very-secret-123' } } }),
    ...options,
    store,
  });
  return {
    runtime,
    store,
    events,
    onEvent: (event: RunEvent) => events.push(event),
    async cleanup() {
      await runtime.close();
      await dir.remove();
    },
  };
}
