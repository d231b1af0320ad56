import type { RegistrySource, Workflow } from '@mova/runtime';
import { emptyLockfile, lockedRanges, lockRange } from '@mova/runtime/lockfile';
import { workflowUsage } from '@mova/runtime/workflow-tools';
import { MANIFEST_SCHEMA_ID, type Manifest } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { upgradeRange } from './upgrade-range.js';
import type { WorkflowUsage } from './usage-breaks.js';

const PKG = '@mova/connector-tracker';

/** A tracker connector whose `issues.get` answers with these output fields. */
function manifest(version: string, outputs: string[]): Manifest {
  const properties = Object.fromEntries(outputs.map((name) => [name, { type: 'string' }]));
  return {
    $schema: MANIFEST_SCHEMA_ID,
    manifestVersion: 1,
    name: 'tracker',
    package: PKG,
    version,
    title: 'Tracker',
    description: 'Issues',
    categories: [],
    auth: { kind: 'none', schema: { type: 'object' }, validate: false },
    actions: [
      {
        key: 'issues.get',
        title: 'Get an issue',
        input: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        output: { type: 'object', properties, required: outputs },
        examples: [],
      },
    ],
    triggers: [],
    network: { allow: [] },
    sdkVersion: '1.0.0',
  };
}

/** A registry that holds these versions, all under `latest` = the newest. */
function source(manifests: Manifest[]): RegistrySource {
  const versions = Object.fromEntries(
    manifests.map((m) => [
      m.version,
      { version: m.version, dist: { tarball: `http://registry.test/${m.version}.tgz` } },
    ]),
  );
  const latest = manifests.at(-1)?.version ?? '';
  const fake = {
    client: { url: 'http://registry.test/' },
    packument: async () => ({ name: PKG, 'dist-tags': { latest }, versions }),
    fetch: async (_: string, version: string) => ({
      manifest: manifests.find((m) => m.version === version),
      resolved: `http://registry.test/${version}.tgz`,
      tarballIntegrity: `sha512-${version}`,
      integrity: `sha512-${version}`,
      registry: 'http://registry.test/',
    }),
  };
  return fake as unknown as RegistrySource;
}

function workflow(file: string, read: string): WorkflowUsage {
  const document = {
    mova: '1.0',
    name: file,
    steps: [
      { id: 'issue', uses: 'tracker/issues.get@^1', with: { id: '1' } },
      { id: 'say', set: { text: `{{ steps.issue.output.${read} }}` } },
    ],
    output: { done: true },
  } as Workflow;
  return { file, steps: workflowUsage(document) };
}

async function upgrade(next: string[], safe: boolean) {
  const pin = { resolved: 'x', integrity: 'sha512-1.0.0', contentIntegrity: 'sha512-1.0.0', registry: 'r' };
  const lock = lockRange(emptyLockfile(), PKG, '^1', '1.0.0', pin);
  const [locked] = lockedRanges(lock);
  if (!locked) throw new Error('no range');
  const manifests = [manifest('1.0.0', ['title', 'url', 'state']), manifest('1.1.0', next)];
  const workflows = [workflow('title.json', 'title'), workflow('url.json', 'url')];
  return (await upgradeRange(source(manifests), lock, locked, { workflows, safe })).upgrade;
}

describe('upgradeRange judged by what each workflow uses', () => {
  it('refuses a version that breaks a field one of two workflows reads, naming that workflow', async () => {
    const result = await upgrade(['title', 'state'], true);
    expect(result.to).toBe('1.0.0');
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]?.workflows).toEqual([
      { file: 'title.json', breaks: [] },
      {
        file: 'url.json',
        breaks: [
          {
            step: 'issue',
            pointer: '/steps/0',
            uses: 'tracker/issues.get@^1',
            changes: [expect.objectContaining({ message: 'action issues.get: output field "url" was removed' })],
            rewrites: [],
          },
        ],
      },
    ]);
  });

  it('takes a version whose breaking change reaches no workflow', async () => {
    const result = await upgrade(['title', 'url'], true);
    expect(result.to).toBe('1.1.0');
    expect(result.skipped).toEqual([]);
    expect(result.workflows).toEqual([
      { file: 'title.json', breaks: [] },
      { file: 'url.json', breaks: [] },
    ]);
  });

  it('without safe, takes the version and lists per workflow and step what it breaks', async () => {
    const result = await upgrade(['state'], false);
    expect(result.to).toBe('1.1.0');
    expect(result.workflows.map((w) => [w.file, w.breaks.map((b) => b.changes.map((c) => c.message))])).toEqual([
      ['title.json', [['action issues.get: output field "title" was removed']]],
      ['url.json', [['action issues.get: output field "url" was removed']]],
    ]);
  });
});
