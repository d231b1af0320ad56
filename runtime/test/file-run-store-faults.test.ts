import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../src/runtime.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import { processStartTime, THIS_PROCESS } from '../src/store/owner.js';
import type { QuarantineNote } from '../src/store/quarantine.js';
import type { RunOwner, RunRecord } from '../src/store/types.js';
import { bundleFixture, runWithFileLimit } from './child-script.js';
import { killHard, startCrashChild } from './crash.js';
import { tempDir } from './helpers.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let listChild: string;

beforeAll(async () => {
  dir = await tempDir();
  listChild = await bundleFixture('list-runs-child');
});
afterAll(async () => {
  await dir.remove();
  await rm(listChild, { force: true });
});

/** An owner on this machine whose process is gone: the pid is above Linux's largest. */
const DEAD: RunOwner = { host: THIS_PROCESS.host, pid: 4_194_305, instance: 'a-dead-process' };

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

/** Writes finished runs straight into a store's folder, as an older store left them (no index). */
async function writeRunLogs(data: string, count: number): Promise<string[]> {
  await mkdir(join(data, 'runs'), { recursive: true });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const startedAt = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
    const lines = [
      { e: 'run', run: { id, workflow: `w${i % 3}`, status: 'running', inputs: { i }, startedAt, owner: DEAD } },
      { e: 'run.patch', patch: { status: i % 5 === 0 ? 'failed' : 'completed', endedAt: startedAt, output: i } },
    ];
    await writeFile(join(data, 'runs', `${id}.jsonl`), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    ids.push(id);
  }
  return ids;
}

describe('FileRunStore under torn writes and damage (issue 13, item 1)', () => {
  it('cuts a torn 4 MiB line back before the next append, and every run still lists', async () => {
    const data = join(dir.path, 'torn-big');
    const owner = new FileRunStore(data);
    await owner.createRun(run('victim', { owner: DEAD }));
    await owner.appendStep('victim', {
      key: 'big',
      id: 'big',
      pointer: '/steps/0',
      kind: 'set',
      status: 'running',
      attempts: 1,
      startedAt: new Date().toISOString(),
    });
    await owner.createRun(run('neighbour', { status: 'completed', endedAt: new Date().toISOString() }));
    // kill -9 while the step's large output was being written: the line stops at 4,194,304 bytes.
    const line = JSON.stringify({
      e: 'step.patch',
      key: 'big',
      patch: { status: 'completed', output: 'x'.repeat(5e6) },
    });
    await appendFile(join(owner.dir, 'victim.jsonl'), line.slice(0, 4_194_304));

    // The next process finds the owner gone and appends its `interrupted` events.
    const next = new FileRunStore(data);
    expect(await next.markInterrupted()).toEqual(['victim']);
    const runs = await next.listRuns();
    expect(runs.map((r) => [r.id, r.status]).sort()).toEqual([
      ['neighbour', 'completed'],
      ['victim', 'interrupted'],
    ]);
    const victim = await next.getRun('victim');
    expect(victim?.steps.map((s) => [s.key, s.status])).toEqual([['big', 'interrupted']]);
    const text = await readFile(join(owner.dir, 'victim.jsonl'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .every((l) => JSON.parse(l)),
    ).toBe(true);
    expect(text.length).toBeLessThan(10_000);
  });

  it('recovers at every torn-write point of a log', async () => {
    const data = join(dir.path, 'torn-points');
    const store = new FileRunStore(data);
    await store.createRun(run('r', { owner: DEAD }));
    for (const key of ['a', 'b', 'c']) {
      const startedAt = new Date().toISOString();
      await store.appendStep('r', {
        key,
        id: key,
        pointer: '/steps/0',
        kind: 'set',
        status: 'running',
        attempts: 1,
        startedAt,
      });
      await store.updateStep('r', key, { status: 'completed', endedAt: startedAt, output: { text: key.repeat(300) } });
    }
    const file = join(store.dir, 'r.jsonl');
    const whole = await readFile(file);
    const firstLine = whole.indexOf(0x0a) + 1;
    // Eight cut points inside later lines (the run line itself is created atomically).
    const cuts = Array.from(
      { length: 8 },
      (_, i) => firstLine + 1 + Math.floor(((whole.length - firstLine - 2) * i) / 7),
    );
    for (const cut of cuts) {
      await writeFile(file, whole.subarray(0, cut));
      const next = new FileRunStore(data);
      expect(await next.markInterrupted(), `cut at ${cut}`).toEqual(['r']);
      expect(
        (await next.listRuns()).map((r) => [r.id, r.status]),
        `cut at ${cut}`,
      ).toEqual([['r', 'interrupted']]);
      const read = await next.getRun('r');
      expect(read?.status).toBe('interrupted');
      const steps = read?.steps.map((s) => s.key) ?? [];
      expect(steps.length, `cut at ${cut}`).toBeLessThanOrEqual(3);
      // Put the marker back for the next cut.
      await writeFile(join(data, 'running', 'r'), DEAD.instance);
    }
  });

  it('quarantines a garbage line, a null line and stray files, and lists everything else', async () => {
    const data = join(dir.path, 'damage');
    const notes: QuarantineNote[] = [];
    const store = new FileRunStore(data, { onQuarantine: (note) => notes.push(note) });
    const done = { status: 'completed' as const, endedAt: new Date().toISOString() };
    for (const id of ['garbled', 'nulled', 'clean']) {
      await store.createRun(run(id));
      await store.updateRun(id, { status: 'running' });
      await store.updateRun(id, done);
    }
    const insert = async (id: string, text: string) => {
      const file = join(store.dir, `${id}.jsonl`);
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.splice(1, 0, text);
      await writeFile(file, lines.join('\n'));
    };
    await insert('garbled', '\u0000\u0000garbage{');
    await insert('nulled', 'null');
    await writeFile(join(store.dir, 'notes.txt'), 'my notes');
    await writeFile(join(store.dir, 'not a run.jsonl'), '{}\n');
    await writeFile(join(store.dir, 'nonsense.jsonl'), 'hello\n');
    await mkdir(join(store.dir, 'folder.jsonl'));

    const listed = await store.listRuns();
    expect(listed.map((r) => [r.id, r.status]).sort()).toEqual([
      ['clean', 'completed'],
      ['garbled', 'completed'],
      ['nulled', 'completed'],
    ]);
    expect((await readdir(store.dir)).sort()).toEqual(['clean.jsonl', 'garbled.jsonl', 'nulled.jsonl']);
    expect(notes.map((n) => [n.kind, n.from.slice(store.dir.length + 1)]).sort()).toEqual([
      ['file', 'folder.jsonl'],
      ['file', 'nonsense.jsonl'],
      ['file', 'not a run.jsonl'],
      ['file', 'notes.txt'],
      ['lines', 'garbled.jsonl'],
      ['lines', 'nulled.jsonl'],
    ]);
    // The finished logs were rewritten without the unreadable lines, which the quarantine keeps.
    expect(await readFile(join(store.dir, 'nulled.jsonl'), 'utf8')).not.toContain('null\n');
    const kept = await readdir(join(data, 'quarantine'));
    expect(kept.filter((n) => n.endsWith('.lines.jsonl'))).toHaveLength(2);
    expect(kept.some((n) => n.endsWith('-notes.txt'))).toBe(true);
    // Reading again finds nothing more to set aside.
    await store.listRuns();
    expect(notes).toHaveLength(6);
  });

  it('leaves a young log still being created alone, sets an old one aside, and creates logs without temporary files', async () => {
    const data = join(dir.path, 'creating');
    const notes: QuarantineNote[] = [];
    const store = new FileRunStore(data, { onQuarantine: (note) => notes.push(note) });
    await store.createRun(run('whole'), { durable: false });
    await store.createRun(run('synced'));
    // Logs are written in place (O_EXCL): nothing but the logs is ever in the folder.
    expect((await readdir(store.dir)).sort()).toEqual(['synced.jsonl', 'whole.jsonl']);
    // What a reader meets while a log's first write is under way, or after a crash in it.
    await writeFile(join(store.dir, 'empty.jsonl'), '');
    await writeFile(join(store.dir, 'cut.jsonl'), '{"e":"run","run":{"id":"cut","wor');
    expect((await store.listRuns()).map((r) => r.id).sort()).toEqual(['synced', 'whole']);
    expect(notes).toEqual([]);
    const old = new Date(Date.now() - 120_000);
    await utimes(join(store.dir, 'cut.jsonl'), old, old);
    await utimes(join(store.dir, 'empty.jsonl'), old, old);
    expect((await store.listRuns()).map((r) => r.id).sort()).toEqual(['synced', 'whole']);
    expect(notes.map((n) => n.from.slice(store.dir.length + 1)).sort()).toEqual(['cut.jsonl', 'empty.jsonl']);
    await store.close();
  });

  it('skips a torn line of a run still being written without touching it', async () => {
    const data = join(dir.path, 'live-torn');
    const store = new FileRunStore(data);
    await store.createRun(run('live'));
    await appendFile(join(store.dir, 'live.jsonl'), '{"e":"run.patch","patch":{"stat');
    expect((await store.listRuns()).map((r) => r.status)).toEqual(['running']);
    expect(await readFile(join(store.dir, 'live.jsonl'), 'utf8')).toMatch(/"stat$/);
  });
});

describe('FileRunStore at scale (issue 13, item 7)', () => {
  it('lists 1,200 runs under ulimit -n 1024 (no file opened per run at once)', { timeout: 120_000 }, async () => {
    const data = join(dir.path, 'emfile');
    await writeRunLogs(data, 1200);
    // The first listing builds the index from the logs; the second reads the index.
    for (const _ of [1, 2]) {
      const out = JSON.parse(await runWithFileLimit(listChild, [data, '20'], 1024));
      expect(out).toMatchObject({ ok: true, count: 20 });
    }
    expect((await stat(join(data, 'run-index.jsonl'))).size).toBeGreaterThan(0);
  });

  it('pages newest first with `after`: every run once, none skipped', async () => {
    const data = join(dir.path, 'pages');
    const ids = await writeRunLogs(data, 53);
    const store = new FileRunStore(data);
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await store.listRuns({ limit: 10, after });
      if (page.length === 0) break;
      seen.push(...page.map((r) => r.id));
      after = page.at(-1)?.id;
    }
    expect(seen).toEqual([...ids].reverse());
    const failed = await store.listRuns({ status: 'failed', limit: 5 });
    expect(failed.map((r) => r.inputs)).toEqual([{ i: 50 }, { i: 45 }, { i: 40 }, { i: 35 }, { i: 30 }]);
    const nextFailed = await store.listRuns({ status: 'failed', limit: 5, after: failed.at(-1)?.id });
    expect(nextFailed.map((r) => r.inputs)).toEqual([{ i: 25 }, { i: 20 }, { i: 15 }, { i: 10 }, { i: 5 }]);
    expect(await store.listRuns({ after: 'no-such-run' })).toEqual([]);
  });

  it('keeps listing right when index lines are lost or the index is damaged', async () => {
    const data = join(dir.path, 'index-loss');
    const store = new FileRunStore(data);
    await store.createRun(run('one', { startedAt: '2026-01-01T00:00:01.000Z' }));
    await store.createRun(run('two', { startedAt: '2026-01-01T00:00:02.000Z' }));
    await store.updateRun('one', { status: 'completed', endedAt: '2026-01-01T00:00:03.000Z' });
    const index = join(data, 'run-index.jsonl');
    // Lose the last line (one's completion) and the index line of "two", and add garbage.
    const lines = (await readFile(index, 'utf8')).trim().split('\n');
    await writeFile(index, `${lines[0]}\n{"id":"tw\nnull\n`);
    expect((await store.listRuns()).map((r) => [r.id, r.status])).toEqual([
      ['two', 'running'],
      ['one', 'completed'],
    ]);
    await rm(index);
    expect((await store.listRuns()).map((r) => r.id)).toEqual(['two', 'one']);
  });

  it('prunes finished runs older than a date, keeps running ones, and compacts the index', async () => {
    const data = join(dir.path, 'prune');
    const store = new FileRunStore(data);
    await store.createRun(run('old-done', { startedAt: '2025-01-01T00:00:00.000Z' }));
    await store.updateRun('old-done', { status: 'completed', endedAt: '2025-01-01T00:00:01.000Z' });
    await store.createRun(run('old-running', { startedAt: '2025-01-02T00:00:00.000Z' }));
    await store.createRun(run('new-done', { startedAt: '2026-03-01T00:00:00.000Z', status: 'failed' }));
    expect(await store.prune({ olderThan: '2026-01-01T00:00:00.000Z' })).toEqual({ removed: 1 });
    expect((await store.listRuns()).map((r) => r.id)).toEqual(['new-done', 'old-running']);
    expect((await readdir(store.dir)).sort()).toEqual(['new-done.jsonl', 'old-running.jsonl']);
    const index = (await readFile(join(data, 'run-index.jsonl'), 'utf8')).trim().split('\n');
    expect(index.map((l) => JSON.parse(l).id).sort()).toEqual(['new-done', 'old-running']);
    await expect(store.prune({ olderThan: 'yesterday' })).rejects.toThrow(/not a date/);
    await store.close();
  });
});

describe('retention setting (issue 13, item 7)', () => {
  it('prunes runs older than the retention when a runtime starts', async () => {
    const data = join(dir.path, 'retention');
    const store = new FileRunStore(data);
    const day = 86_400_000;
    await store.createRun(
      run('ancient', { status: 'completed', startedAt: new Date(Date.now() - 40 * day).toISOString() }),
    );
    await store.createRun(
      run('recent', { status: 'completed', startedAt: new Date(Date.now() - 2 * day).toISOString() }),
    );
    await store.createRun(run('older', { status: 'failed', startedAt: new Date(Date.now() - 10 * day).toISOString() }));
    const first = createRuntime({ dataDir: data, retention: '30d' });
    expect(await first.ready).toEqual({ interrupted: [], pruned: 1 });
    await first.close();
    const second = createRuntime({ dataDir: data, env: { MOVA_RUN_RETENTION: '1w' } });
    expect(await second.ready).toEqual({ interrupted: [], pruned: 1 });
    await second.close();
    expect((await store.listRuns()).map((r) => r.id)).toEqual(['recent']);
    expect(() => createRuntime({ dataDir: data, retention: 'forever' })).toThrow(/not an age such as 30d/);
  });
});

describe('FileRunStore: dead owners found by the listing itself (issue 13, item 10)', () => {
  it('lists a killed run as interrupted, ended at its last sign of life', { timeout: 60_000 }, async () => {
    const data = join(dir.path, 'heartbeat');
    const { child, runId } = await startCrashChild(['file', data], { CRASH_HEARTBEAT_MS: '200' });
    // Let the heartbeat beat a few times after the last step started, then kill.
    await new Promise((r) => setTimeout(r, 1_200));
    const killedAt = Date.now();
    await killHard(child);
    await new Promise((r) => setTimeout(r, 1_500));
    const store = new FileRunStore(data);
    const [listed] = await store.listRuns();
    expect(listed).toMatchObject({ id: runId, status: 'interrupted' });
    const endedAt = Date.parse(listed?.endedAt ?? '');
    // At the last heartbeat before the kill (every 200 ms), not when the listing noticed.
    expect(endedAt).toBeLessThanOrEqual(killedAt + 50);
    expect(endedAt).toBeGreaterThan(killedAt - 1_000);
    const steps = (await store.getRun(runId))?.steps ?? [];
    expect(steps.map((s) => [s.key, s.status])).toEqual([
      ['first', 'completed'],
      ['pause', 'interrupted'],
    ]);
    expect(steps[1]?.endedAt).toBe(listed?.endedAt);
  });

  it('tells a reused pid from the process that owned the run (start time)', async () => {
    const data = join(dir.path, 'pid-reuse');
    const store = new FileRunStore(data);
    const parent = process.ppid;
    const parentStart = processStartTime(parent);
    expect(parentStart).toBeDefined();
    // The parent's pid, but a process that started at another time: the run's owner is gone.
    await store.createRun(run('reused', { owner: { ...THIS_PROCESS, pid: parent, instance: 'x', startTime: '1' } }));
    // The parent itself, still running.
    const live = { ...THIS_PROCESS, pid: parent, instance: 'y', startTime: parentStart };
    await store.createRun(run('alive', { owner: live }));
    const listed = await store.listRuns();
    expect(listed.map((r) => [r.id, r.status]).sort()).toEqual([
      ['alive', 'running'],
      ['reused', 'interrupted'],
    ]);
    expect((await store.getRun('reused'))?.status).toBe('interrupted');
  });

  it('judges an owner on another machine by its heartbeat', async () => {
    const data = join(dir.path, 'other-host');
    const store = new FileRunStore(data, { staleAfterMs: 1_000 });
    const far: RunOwner = { host: 'another-machine', pid: 7, instance: 'far-away' };
    await store.createRun(run('far', { owner: far, startedAt: new Date(Date.now() - 10_000).toISOString() }));
    await mkdir(join(data, 'owners'), { recursive: true });
    await writeFile(join(data, 'owners', 'far-away.json'), JSON.stringify(far));
    expect((await store.listRuns()).map((r) => r.status)).toEqual(['running']);
    const beat = new Date(Date.now() - 5_000);
    await utimes(join(data, 'owners', 'far-away.json'), beat, beat);
    const [listed] = await store.listRuns();
    expect(listed?.status).toBe('interrupted');
    expect(Math.abs(Date.parse(listed?.endedAt ?? '') - beat.getTime())).toBeLessThan(1_000);
  });

  it('counts no-one as dead on another machine without a heartbeat', async () => {
    const data = join(dir.path, 'other-host-legacy');
    const store = new FileRunStore(data, { staleAfterMs: 1 });
    await store.createRun(run('far', { owner: { host: 'another-machine', pid: 7, instance: 'no-beat' } }));
    expect((await store.listRuns()).map((r) => r.status)).toEqual(['running']);
  });
});
