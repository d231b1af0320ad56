import { appendFile, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRunStore } from '../src/store/file-run-store.js';
import { THIS_PROCESS } from '../src/store/owner.js';
import { killHard, startCrashChild } from './crash.js';
import { buildFixtureManifests, tempDir } from './helpers.js';
import { runStoreContract } from './run-store-contract.js';

let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  await buildFixtureManifests();
  dir = await tempDir();
});
afterAll(() => dir.remove());

runStoreContract('FileRunStore', () => new FileRunStore(dir.path));

describe('FileRunStore', () => {
  it('keeps one append-only event log per run', async () => {
    const store = new FileRunStore(dir.path);
    await store.createRun({
      id: 'log-shape',
      workflow: 'w',
      status: 'running',
      inputs: {},
      startedAt: new Date().toISOString(),
      owner: THIS_PROCESS,
      steps: [],
    });
    await store.updateRun('log-shape', { status: 'completed' });
    const lines = (await readFile(join(store.dir, 'log-shape.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).e)).toEqual(['run', 'run.patch']);
  });

  it('ignores a last line torn by a crash mid-write', async () => {
    const store = new FileRunStore(dir.path);
    await store.createRun({
      id: 'torn',
      workflow: 'w',
      status: 'running',
      inputs: {},
      startedAt: new Date().toISOString(),
      owner: THIS_PROCESS,
      steps: [],
    });
    await appendFile(join(store.dir, 'torn.jsonl'), '{"e":"run.patch","patch":{"stat');
    expect((await store.getRun('torn'))?.status).toBe('running');
  });

  it('judges owners: an earlier process with our pid is gone, another machine is left alone', async () => {
    const store = new FileRunStore(join(dir.path, 'owners'));
    const running = (id: string, owner: typeof THIS_PROCESS) =>
      store.createRun({
        id,
        workflow: 'w',
        status: 'running',
        inputs: {},
        startedAt: new Date().toISOString(),
        owner,
        steps: [],
      });
    // A restarted container runs again as pid 1: same pid, another instance.
    await running('restarted', { ...THIS_PROCESS, instance: 'an-earlier-process' });
    await running('elsewhere', { host: 'another-machine', pid: 1, instance: 'x' });
    await running('mine', THIS_PROCESS);
    expect(await store.markInterrupted()).toEqual(['restarted']);
  });

  it('drops a running marker whose run finished, or was never written a minute on', async () => {
    const data = join(dir.path, 'markers');
    const store = new FileRunStore(data);
    await store.createRun({
      id: 'finished',
      workflow: 'w',
      status: 'running',
      inputs: {},
      startedAt: new Date().toISOString(),
      owner: { ...THIS_PROCESS, instance: 'an-earlier-process' },
      steps: [],
    });
    await store.updateRun('finished', { status: 'completed' });
    await writeFile(join(data, 'running', 'ghost'), '');
    // A young marker without a log may belong to a run being created right now: it stays a minute.
    expect(await store.markInterrupted()).toEqual([]);
    expect(await readdir(join(data, 'running'))).toEqual(['ghost']);
    const old = new Date(Date.now() - 120_000);
    await utimes(join(data, 'running', 'ghost'), old, old);
    expect(await store.markInterrupted()).toEqual([]);
    expect(await readdir(join(data, 'running'))).toEqual([]);
  });

  it('refuses ids that could escape its folder', async () => {
    await expect(new FileRunStore(dir.path).getRun('../etc')).rejects.toThrow(/is not a run id/);
  });

  it('marks a run interrupted when the process running it died', { timeout: 60_000 }, async () => {
    const data = join(dir.path, 'crash');
    const { child, runId } = await startCrashChild(['file', data]);
    const store = new FileRunStore(data);
    expect(await store.markInterrupted()).not.toContain(runId);
    await killHard(child);
    expect(await store.markInterrupted()).toEqual([runId]);
    const run = await store.getRun(runId);
    expect(run).toMatchObject({
      status: 'interrupted',
      error: { message: expect.stringContaining(`pid ${child.pid}`) },
    });
    expect(run?.steps.map((s) => [s.key, s.status])).toEqual([
      ['first', 'completed'],
      ['pause', 'interrupted'],
    ]);
    expect(await store.markInterrupted()).toEqual([]);
  });
});
