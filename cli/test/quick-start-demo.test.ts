import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lockfile } from '@mova/runtime';
import { ensureService, localServices } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node } from './cli.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

// README's first command ends in `node scripts/demo.mjs`: this runs it as set-up does, with its
// folder and the registry's storage moved to a temp dir, twice (set-up run again must work too).
describe('the quick start demo brings up the hub and runs a workflow installed from it', () => {
  let home: string;
  const demo = () =>
    node([join(REPO, 'scripts', 'demo.mjs')], REPO, {
      MOVA_DEMO_DIR: join(home, 'demo'),
      MOVA_REGISTRY_STORAGE: join(home, 'registry'),
      MOVA_DATA_DIR: join(home, 'data'),
      MOVA_REGISTRY: undefined,
      MOVA_REGISTRY_TOKEN: undefined,
    });
  beforeAll(async () => {
    await ensureService(localServices.postgres);
    home = await mkdtemp(join(tmpdir(), 'mova-quick-start-'));
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('publishes every first-party connector, installs what the workflow uses, runs it pinned', async () => {
    const folders = await readdir(join(REPO, 'connectors'));
    const n = folders.filter((name) => existsSync(join(REPO, 'connectors', name, 'package.json'))).length;
    const first = await demo();
    expect(first.code, `${first.stdout}\n${first.stderr}`).toBe(0);
    expect(first.stdout).toContain(`Publishing ${n} of ${n} first-party connectors\n`);
    expect(first.stdout).toMatch(new RegExp(`\\n${n} of ${n} connectors on http://127\\.0\\.0\\.1:\\d+/\\n`));
    expect(first.stdout).toMatch(/Run \S+ completed in/);
    expect(first.stdout).toMatch(new RegExp(`Demo done: ${n} connectors with \\d+ actions are in the registry`));

    const lock = JSON.parse(await readFile(join(home, 'demo', 'project', 'mova.lock.json'), 'utf8')) as Lockfile;
    expect(Object.keys(lock.connectors).sort()).toEqual(['@mova/connector-http', '@mova/connector-postgres']);
    const [version, postgres] = Object.entries(lock.connectors['@mova/connector-postgres'] ?? {})[0] ?? [];
    expect(postgres?.integrity).toMatch(/^sha512-/);
    // What ran is what the lockfile pins: the run record's digest, as the demo prints it.
    expect(first.stdout).toContain(`  summary  @mova/connector-postgres@${version}  ${postgres?.contentIntegrity}`);

    const again = await demo();
    expect(again.code, `${again.stdout}\n${again.stderr}`).toBe(0);
    expect(again.stdout).toContain(`All ${n} first-party connectors are in the registry already`);
    expect(again.stdout).toContain(`Demo done: ${n} connectors`);
  });
});
