import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRunStore, type RunRecord } from '@mova/runtime';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { cli } from './cli.js';

const DAY = 86_400_000;

function finished(id: string, daysAgo: number, status: RunRecord['status'] = 'completed'): RunRecord {
  const startedAt = new Date(Date.now() - daysAgo * DAY).toISOString();
  return {
    id,
    workflow: 'w',
    status,
    inputs: {},
    startedAt,
    endedAt: startedAt,
    owner: { host: 'elsewhere', pid: 1, instance: 'test' },
    steps: [],
  };
}

/** No run store or retention from the developer's shell. */
const ENV = { MOVA_RUN_STORE: undefined, MOVA_RUN_RETENTION: undefined, MOVA_DATA_DIR: undefined };

describe('mova-connector runs prune', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-e2e-prune-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('removes finished runs older than an age or a date, and says how many', async ({ expect }) => {
    const data = join(root, 'data');
    const store = new FileRunStore(data);
    await store.createRun(finished('old', 40));
    await store.createRun(finished('older', 90, 'failed'));
    await store.createRun(finished('new', 1));
    const pruned = await cli(['runs', 'prune', '--older-than', '30d', '--data-dir', data], root, ENV);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(/^Removed 2 runs that started before \d{4}-\d\d-\d\dT.*Z from .* \(file store\)\.$/m);
    const json = await cli(['runs', 'prune', '--older-than', '2000-01-01', '--data-dir', data, '--json'], root, ENV);
    expect(JSON.parse(json.stdout)).toEqual({ removed: 0, olderThan: '2000-01-01T00:00:00.000Z' });
    const left = await cli(['runs', '--data-dir', data, '--json'], root, ENV);
    expect(JSON.parse(left.stdout).map((r: { id: string }) => r.id)).toEqual(['new']);
  });

  it('refuses a cutoff that is neither an age nor a date, and a missing one (exit 2)', async ({ expect }) => {
    const bad = await cli(['runs', 'prune', '--older-than', 'soon', '--data-dir', join(root, 'x')], root, ENV);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--older-than must be an age or a date, not "soon"');
    const missing = await cli(['runs', 'prune', '--data-dir', join(root, 'x')], root, ENV);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --older-than');
  });

  it('run prunes at start with MOVA_RUN_RETENTION', async ({ expect }) => {
    const data = join(root, 'retention');
    await new FileRunStore(data).createRun(finished('stale', 10));
    const workflow = join(root, 'hello.json');
    await writeFile(workflow, JSON.stringify({ mova: '1.0', name: 'hello', steps: [{ id: 'a', set: 1 }] }));
    const run = await cli(['run', workflow, '--data-dir', data], root, { ...ENV, MOVA_RUN_RETENTION: '7d' });
    expect(run.code, run.stderr).toBe(0);
    const left = await cli(['runs', '--data-dir', data, '--json'], root, ENV);
    expect(JSON.parse(left.stdout).map((r: { workflow: string }) => r.workflow)).toEqual(['hello']);
  });
});
