import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConnectorManifests } from './connector-manifests.js';
import { repoRoot } from './paths.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mova-docs-connectors-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function connector(name: string, manifest?: string) {
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, 'package.json'), JSON.stringify({ name: `@mova/connector-${name}` }));
  if (manifest !== undefined) await writeFile(join(dir, name, 'mova.manifest.json'), manifest);
}

describe('readConnectorManifests', () => {
  it('names every package without a manifest and says how to build them', async () => {
    await connector('alpha');
    await connector('beta');
    await expect(readConnectorManifests(dir)).rejects.toThrow(
      /^Missing connector manifests: .*alpha\/mova\.manifest\.json, .*beta\/mova\.manifest\.json\. Build the connectors first: `node scripts\/build\.mjs`/,
    );
  });

  it('refuses a manifest that breaks the manifest schema', async () => {
    await connector('broken', JSON.stringify({ name: 'broken' }));
    await expect(readConnectorManifests(dir)).rejects.toThrow(/broken\/mova\.manifest\.json is not a valid manifest/);
  });

  it('skips folders that are not packages and returns the manifests sorted by name', async () => {
    await mkdir(join(dir, 'notes'));
    for (const name of ['redis', 'github']) {
      await mkdir(join(dir, name));
      await cp(join(repoRoot, 'connectors', name, 'mova.manifest.json'), join(dir, name, 'mova.manifest.json'));
      await writeFile(join(dir, name, 'package.json'), '{}');
    }
    const manifests = await readConnectorManifests(dir);
    expect(manifests.map((m) => m.name)).toEqual(['github', 'redis']);
  });
});
