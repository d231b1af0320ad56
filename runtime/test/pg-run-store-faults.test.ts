import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { ensureService, localServices } from '@mova/sdk';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processStartTime, THIS_PROCESS } from '../src/store/owner.js';
import { PgRunStore } from '../src/store/pg-run-store.js';
import type { RunOwner, RunRecord } from '../src/store/types.js';
import { killHard, startCrashChild } from './crash.js';

// The real local PostgreSQL; this file works in a schema of its own, dropped at the end.
const CONNECTION = 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `mova_faults_${process.pid}_${Date.now().toString(36)}`;
let pool: pg.Pool;

beforeAll(async () => {
  await ensureService(localServices.postgres);
  pool = new pg.Pool({ connectionString: CONNECTION, max: 4 });
});

afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await pool.end();
});

function run(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: randomUUID(),
    workflow: 'faults',
    status: 'running',
    inputs: {},
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    owner: THIS_PROCESS,
    steps: [],
    ...overrides,
  };
}

async function exited(child: import('node:child_process').ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return code as number | null;
}

describe('PgRunStore: liveness from the owner, not from one session (issue 13, item 6)', () => {
  it('keeps a live run running when its session is dropped, and close() settles', { timeout: 60_000 }, async () => {
    const app = `mova-crash-${randomUUID().slice(0, 8)}`;
    const { child, runId } = await startCrashChild(['pg', SCHEMA, `${CONNECTION}?application_name=${app}`], {
      CRASH_WAIT: '4s',
      CRASH_CLOSE: '1',
      CRASH_HEARTBEAT_MS: '200',
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    // Drop every session the child has, as a server restart or a network blip would.
    const { rows } = await pool.query(
      'SELECT pg_terminate_backend(pid) AS dropped FROM pg_stat_activity WHERE application_name = $1',
      [app],
    );
    expect(rows.length).toBeGreaterThan(0);
    const store = new PgRunStore({ pool, schema: SCHEMA });
    await new Promise((r) => setTimeout(r, 500));
    expect(await store.markInterrupted()).not.toContain(runId);
    expect((await store.getRun(runId))?.status).toBe('running');
    expect((await store.listRuns({ workflow: 'crash' })).find((r) => r.id === runId)?.status).toBe('running');
    // The run finishes and the child's runtime closes and exits on its own.
    expect(await exited(child, 20_000)).toBe(0);
    expect(output).toContain('CLOSED completed');
    expect((await store.getRun(runId))?.status).toBe('completed');
    await store.close();
  });

  it('close() settles while the database refuses connections', { timeout: 30_000 }, async () => {
    // A port where nothing listens: every heartbeat and query fails.
    const store = new PgRunStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test', heartbeatMs: 50 });
    await expect(store.createRun(run())).rejects.toThrow();
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('PgRunStore: dead owners found by the listing itself (issue 13, item 10)', () => {
  it('lists a killed run as interrupted, ended at its last heartbeat', { timeout: 60_000 }, async () => {
    const { child, runId } = await startCrashChild(['pg', SCHEMA, CONNECTION], { CRASH_HEARTBEAT_MS: '200' });
    await new Promise((r) => setTimeout(r, 1_200));
    const killedAt = Date.now();
    await killHard(child);
    await new Promise((r) => setTimeout(r, 1_500));
    const store = new PgRunStore({ pool, schema: SCHEMA });
    const listed = (await store.listRuns({ workflow: 'crash' })).find((r) => r.id === runId);
    expect(listed?.status).toBe('interrupted');
    const endedAt = Date.parse(listed?.endedAt ?? '');
    expect(endedAt).toBeLessThanOrEqual(killedAt + 50);
    expect(endedAt).toBeGreaterThan(killedAt - 1_000);
    const steps = (await store.getRun(runId))?.steps ?? [];
    expect(steps.map((s) => [s.key, s.status])).toEqual([
      ['first', 'completed'],
      ['pause', 'interrupted'],
    ]);
    expect(steps[1]?.endedAt).toBe(listed?.endedAt);
    await store.close();
  });

  it('judges an owner on another machine by its heartbeat row', async () => {
    const store = new PgRunStore({ pool, schema: SCHEMA, staleAfterMs: 2_000 });
    const fresh: RunOwner = { host: 'another-machine', pid: 7, instance: `fresh-${randomUUID()}` };
    const stale: RunOwner = { host: 'another-machine', pid: 8, instance: `stale-${randomUUID()}` };
    const alive = run({ owner: fresh });
    const dead = run({ owner: stale });
    await store.createRun(alive);
    await store.createRun(dead);
    const beat = new Date(Date.now() - 30_000);
    await pool.query(
      `INSERT INTO "${SCHEMA}".owners (instance, host, pid, last_seen) VALUES ($1, $2, $3, now()), ($4, $5, $6, $7)`,
      [fresh.instance, fresh.host, fresh.pid, stale.instance, stale.host, stale.pid, beat],
    );
    const listed = await store.listRuns({ workflow: 'faults' });
    expect(listed.find((r) => r.id === alive.id)?.status).toBe('running');
    const interrupted = listed.find((r) => r.id === dead.id);
    expect(interrupted?.status).toBe('interrupted');
    expect(Date.parse(interrupted?.endedAt ?? '')).toBe(beat.getTime());
    await store.close();
  });

  it('tells a reused pid from the process that owned the run (start time)', async () => {
    const store = new PgRunStore({ pool, schema: SCHEMA });
    const parent = process.ppid;
    const reused = run({ owner: { ...THIS_PROCESS, pid: parent, instance: `x-${randomUUID()}`, startTime: '1' } });
    const live = run({
      owner: { ...THIS_PROCESS, pid: parent, instance: `y-${randomUUID()}`, startTime: processStartTime(parent) },
    });
    await store.createRun(reused);
    await store.createRun(live);
    expect((await store.getRun(reused.id))?.status).toBe('interrupted');
    expect((await store.getRun(live.id))?.status).toBe('running');
    expect(await store.getRun(live.id)).toMatchObject({ owner: live.owner });
    await store.close();
  });
});
