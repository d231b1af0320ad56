import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureService, localServices } from '@mova/sdk';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRunStore } from '../src/store/file-run-store.js';
import { PgRunStore } from '../src/store/pg-run-store.js';
import type { RunStore } from '../src/store/types.js';
import { bundleFixture } from './child-script.js';
import { tempDir } from './helpers.js';

// Bounded: 20 kills per store, each 0.1 to 1.2 s after the child's first run started.
const KILLS = 20;
const CONNECTION = 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `mova_kill_${process.pid}_${Date.now().toString(36)}`;

let child: string;
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  child = await bundleFixture('busy-child');
  dir = await tempDir();
});
afterAll(async () => {
  await rm(child, { force: true });
  await dir.remove();
});

/** Starts the busy child, kills it with SIGKILL `delayMs` after its first run started, returns the runs it started. */
async function runAndKill(args: string[], delayMs: number): Promise<{ started: string[]; output: string }> {
  const proc: ChildProcess = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = once(proc, 'exit');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the busy child started no run: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('STARTED ')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout?.on('data', read);
    proc.stderr?.on('data', read);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the busy child exited (${code}): ${output}`));
    });
  });
  await new Promise((r) => setTimeout(r, delayMs));
  proc.kill('SIGKILL');
  await exited;
  const started = [...output.matchAll(/^STARTED (\S+)$/gm)].map((m) => m[1] ?? '');
  return { started, output };
}

async function killLoop(args: string[], open: () => RunStore) {
  const started: string[] = [];
  const delays: number[] = [];
  for (let i = 0; i < KILLS; i++) {
    const delay = 100 + Math.floor(Math.random() * 1_100);
    delays.push(delay);
    const round = await runAndKill(args, delay);
    started.push(...round.started);
    // Now and then look at the store between crashes, as a user running `runs` would.
    if (i % 5 === 4) {
      const store = open();
      const listed = await store.listRuns({ limit: 100_000 });
      expect(
        listed.filter((r) => r.status === 'running'),
        `after kill ${i + 1}`,
      ).toEqual([]);
      await store.close();
    }
  }
  const store = open();
  const listed = await store.listRuns({ limit: 100_000 });
  const context = `kill delays (ms): ${delays.join(', ')}`;
  const ids = new Set(listed.map((r) => r.id));
  expect(
    started.filter((id) => !ids.has(id)),
    `runs lost; ${context}`,
  ).toEqual([]);
  // A run can be recorded in the instant before the kill without its STARTED line being printed.
  expect(listed.length, context).toBeLessThanOrEqual(started.length + KILLS);
  expect(
    listed.filter((r) => r.status !== 'completed' && r.status !== 'interrupted').map((r) => [r.id, r.status]),
    context,
  ).toEqual([]);
  expect(listed.filter((r) => r.status === 'interrupted').length, context).toBeGreaterThan(0);
  for (const run of listed) {
    const read = await store.getRun(run.id);
    expect(read?.status, run.id).toBe(run.status);
    expect(
      read?.steps.filter((s) => s.status === 'running'),
      run.id,
    ).toEqual([]);
  }
  await store.close();
  return { started: started.length, listed: listed.length, delays };
}

describe('kill -9 at random points: every run listed, none lost, none stuck running', () => {
  it('file run store', { timeout: 240_000 }, async () => {
    const data = join(dir.path, 'file');
    const figures = await killLoop(['file', data], () => new FileRunStore(data));
    expect(figures.started).toBeGreaterThanOrEqual(KILLS);
  });

  describe('PostgreSQL run store', () => {
    let pool: pg.Pool;
    beforeAll(async () => {
      await ensureService(localServices.postgres);
      pool = new pg.Pool({ connectionString: CONNECTION, max: 2 });
    });
    afterAll(async () => {
      await pool.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
      await pool.end();
    });

    it('PostgreSQL run store', { timeout: 240_000 }, async () => {
      const figures = await killLoop(['pg', SCHEMA, CONNECTION], () => new PgRunStore({ pool, schema: SCHEMA }));
      expect(figures.started).toBeGreaterThanOrEqual(KILLS);
    });
  });
});
