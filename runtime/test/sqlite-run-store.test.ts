import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRunStore } from '../src/store/file-run-store.js';
import { THIS_PROCESS } from '../src/store/owner.js';
import { SqliteRunStore } from '../src/store/sqlite-run-store.js';
import type { RunRecord } from '../src/store/types.js';
import { killHard, startCrashChild } from './crash.js';
import { buildFixtureManifests, tempDir } from './helpers.js';
import { runStoreContract } from './run-store-contract.js';

let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  await buildFixtureManifests();
  dir = await tempDir();
});
afterAll(() => dir.remove());

runStoreContract('SqliteRunStore', () => new SqliteRunStore(join(dir.path, 'contract', 'runs.sqlite')));

function run(id: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    workflow: 'w',
    status: 'running',
    inputs: {},
    startedAt: new Date().toISOString(),
    owner: THIS_PROCESS,
    steps: [],
    ...overrides,
  };
}

describe('SqliteRunStore', () => {
  it('opens the file in WAL mode with synchronous=FULL, and keeps runs across a reopen', async () => {
    const file = join(dir.path, 'reopen', 'runs.sqlite');
    const first = new SqliteRunStore(file);
    await first.createRun(run('kept'));
    await first.updateRun('kept', { status: 'completed', output: { n: 1 } });
    await first.close();
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const second = new SqliteRunStore(file);
    expect(await second.getRun('kept')).toMatchObject({ status: 'completed', output: { n: 1 }, steps: [] });
    await second.close();
  });

  it('commits concurrent calls together and fails only the call that failed', async () => {
    const store = new SqliteRunStore(join(dir.path, 'batch', 'runs.sqlite'));
    await store.createRun(run('taken'));
    const results = await Promise.allSettled([
      store.createRun(run('one')),
      store.createRun(run('taken')),
      store.createRun(run('two')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.listRuns()).map((r) => r.id).sort()).toEqual(['one', 'taken', 'two']);
    await store.close();
  });

  it('sees what another store on the same file wrote (a server and the runs command)', async () => {
    const file = join(dir.path, 'shared', 'runs.sqlite');
    const server = new SqliteRunStore(file);
    const reader = new SqliteRunStore(file);
    await server.createRun(run('live'));
    await server.appendStep('live', {
      key: 's',
      id: 's',
      pointer: '/steps/0',
      kind: 'set',
      status: 'running',
      attempts: 1,
      startedAt: new Date().toISOString(),
    });
    expect(await reader.getRun('live')).toMatchObject({ status: 'running', steps: [{ key: 's' }] });
    await server.close();
    await reader.close();
  });

  it('keeps a workflow text once for the runs that share it, and drops it with the last of them', async () => {
    const file = join(dir.path, 'workflows', 'runs.sqlite');
    const store = new SqliteRunStore(file);
    const resume = { workflow: '{"mova":"1.0","steps":[]}', workflowHash: 'cd'.repeat(32), connectors: [] };
    const old = '2001-01-01T00:00:00.000Z';
    await store.createRun(run('first', { resume, status: 'completed', startedAt: old }));
    await store.createRun(run('second', { resume, status: 'completed', startedAt: old }));
    expect((await store.getRun('second'))?.resume).toEqual(resume);
    const db = new BetterSqlite3(file, { readonly: true });
    const count = () => (db.prepare('SELECT count(*) AS n FROM workflows').get() as { n: number }).n;
    expect(count()).toBe(1);
    await store.prune({ olderThan: '2002-01-01T00:00:00.000Z' });
    expect(count()).toBe(0);
    db.close();
    await store.close();
  });

  it('refuses calls after close', async () => {
    const store = new SqliteRunStore(join(dir.path, 'closed', 'runs.sqlite'));
    await store.listRuns();
    await store.close();
    await expect(store.createRun(run('late'))).rejects.toThrow(/is closed/);
  });

  it('marks a run interrupted when the process running it died', { timeout: 60_000 }, async () => {
    const file = join(dir.path, 'crash', 'runs.sqlite');
    const { child, runId } = await startCrashChild(['sqlite', file]);
    const store = new SqliteRunStore(file);
    expect(await store.markInterrupted()).not.toContain(runId);
    await killHard(child);
    expect(await store.markInterrupted()).toEqual([runId]);
    const read = await store.getRun(runId);
    expect(read).toMatchObject({
      status: 'interrupted',
      error: { message: expect.stringContaining(`pid ${child.pid}`) },
    });
    expect(read?.steps.map((s) => [s.key, s.status])).toEqual([
      ['first', 'completed'],
      ['pause', 'interrupted'],
    ]);
    expect(await store.markInterrupted()).toEqual([]);
    await store.close();
  });
});

describe('SqliteRunStore importing a file store', () => {
  it('copies the file store runs once, with their steps, when its file is new', async () => {
    const data = join(dir.path, 'import');
    const files = new FileRunStore(data);
    await files.createRun(run('old-1', { startedAt: '2026-01-01T00:00:00.000Z' }));
    await files.appendStep('old-1', {
      key: 'a',
      id: 'a',
      pointer: '/steps/0',
      kind: 'set',
      status: 'completed',
      attempts: 1,
      startedAt: '2026-01-01T00:00:00.000Z',
      output: { v: 1 },
    });
    await files.updateRun('old-1', { status: 'completed', endedAt: '2026-01-01T00:00:01.000Z' });
    await files.createRun(run('old-2', { startedAt: '2026-01-02T00:00:00.000Z', status: 'failed' }));
    const store = new SqliteRunStore(join(data, 'runs.sqlite'), { importFrom: files });
    expect((await store.listRuns()).map((r) => r.id)).toEqual(['old-2', 'old-1']);
    expect(await store.getRun('old-1')).toMatchObject({ status: 'completed', steps: [{ key: 'a', output: { v: 1 } }] });
    await store.close();
    // A run the file store gets later is not copied again on the next open: the import ran once.
    await files.createRun(run('later', { status: 'completed' }));
    const again = new SqliteRunStore(join(data, 'runs.sqlite'), { importFrom: files });
    expect((await again.listRuns()).map((r) => r.id)).toEqual(['old-2', 'old-1']);
    await again.close();
    await files.close();
  });
});
