import { ensureService, localServices } from '@mova/sdk';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../src/runtime.js';
import { PgRunStore } from '../src/store/pg-run-store.js';
import { killHard, startCrashChild } from './crash.js';
import { buildFixtureManifests } from './helpers.js';
import { runStoreContract } from './run-store-contract.js';

// The real local PostgreSQL; each test run works in a schema of its own, dropped at the end.
const CONNECTION = 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `mova_test_${process.pid}_${Date.now().toString(36)}`;
let pool: pg.Pool;

beforeAll(async () => {
  await ensureService(localServices.postgres);
  await buildFixtureManifests();
  pool = new pg.Pool({ connectionString: CONNECTION, max: 4 });
});

afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await pool.end();
});

runStoreContract('PgRunStore', () => new PgRunStore({ connectionString: CONNECTION, schema: SCHEMA }));

describe('PgRunStore', () => {
  it('creates its tables on first use', async () => {
    const schema = `${SCHEMA}_fresh`;
    const store = new PgRunStore({ pool, schema });
    expect(await store.listRuns()).toEqual([]);
    const { rows } = await pool.query(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(rows.map((r) => r.table_name)).toEqual(['owners', 'runs', 'steps', 'workflows']);
    await store.close();
    await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  });

  it('leaves a pool it was given open', async () => {
    const store = new PgRunStore({ pool, schema: SCHEMA });
    await store.listRuns();
    await store.close();
    expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it('refuses a schema name that is not plain', () => {
    expect(() => new PgRunStore({ pool, schema: 'x"; drop table y; --' })).toThrow(
      /not a plain lower-case schema name/,
    );
  });

  it('marks a run interrupted when the process running it died, and not before', { timeout: 60_000 }, async () => {
    const { child, runId } = await startCrashChild(['pg', SCHEMA, CONNECTION]);
    const store = new PgRunStore({ pool, schema: SCHEMA });
    expect(await store.markInterrupted()).not.toContain(runId);
    await killHard(child);
    // The server notices the dropped session (and frees its lock) within moments of the kill.
    let marked: string[] = [];
    for (let i = 0; i < 50 && !marked.includes(runId); i++) {
      marked = await store.markInterrupted();
      if (!marked.includes(runId)) await new Promise((r) => setTimeout(r, 100));
    }
    expect(marked).toContain(runId);
    const run = await store.getRun(runId);
    expect(run?.status).toBe('interrupted');
    expect(run?.steps.map((s) => [s.key, s.status])).toEqual([
      ['first', 'completed'],
      ['pause', 'interrupted'],
    ]);
    await store.close();
  });

  it('is what a runtime checks on start', async () => {
    const runtime = createRuntime({ store: new PgRunStore({ pool, schema: SCHEMA }) });
    expect(await runtime.ready).toEqual({ interrupted: [] });
    await runtime.close();
  });
});
