import pg from 'pg';
import { interruptedError } from './interrupted.js';
import { THIS_PROCESS } from './owner.js';
import { cutoffMs } from './retention.js';
import type {
  ListRunsOptions,
  PruneOptions,
  PruneResult,
  RunPatch,
  RunRecord,
  RunStatus,
  RunStore,
  RunSummary,
  StepPatch,
  StepRecord,
  StepStatus,
} from './types.js';

export interface PgRunStoreOptions {
  /** A pool to use (the store never ends it), or a connection string for a pool of its own. */
  pool?: pg.Pool;
  connectionString?: string;
  /** The schema holding the tables, created on first use (default `mova`). */
  schema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The run store for many machines: runs and steps in PostgreSQL, tables created on first use.
 * Each process holds a shared advisory lock on its own instance id for as long as it lives, so
 * `markInterrupted` can tell, on any machine, that a run's owner is gone: its lock is free.
 * @example
 * const store = new PgRunStore({ connectionString: 'postgres://postgres@127.0.0.1/mova' });
 */
export class PgRunStore implements RunStore {
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly schema: string;
  private ready?: Promise<void>;
  private ownerSession?: Promise<pg.PoolClient>;

  constructor(options: PgRunStoreOptions = {}) {
    const schema = options.schema ?? 'mova';
    if (!SCHEMA_NAME.test(schema)) throw new Error(`"${schema}" is not a plain lower-case schema name`);
    this.schema = schema;
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString });
  }

  async createRun(run: RunRecord): Promise<void> {
    await this.init();
    await this.holdOwnerLock();
    await this.pool.query(
      `INSERT INTO ${this.t('runs')} (id, workflow, status, inputs, output, error, started_at, ended_at, owner_host, owner_pid, owner_instance)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11)`,
      [
        run.id,
        run.workflow,
        run.status,
        json(run.inputs),
        json(run.output),
        json(run.error),
        run.startedAt,
        run.endedAt ?? null,
        run.owner.host,
        run.owner.pid,
        run.owner.instance,
      ],
    );
    for (const step of run.steps) await this.appendStep(run.id, step);
  }

  async updateRun(id: string, patch: RunPatch): Promise<void> {
    await this.init();
    await this.update(
      'runs',
      { status: patch.status, output: patch.output, error: patch.error, ended_at: patch.endedAt },
      'id = $1',
      [id],
    );
  }

  async appendStep(runId: string, step: StepRecord): Promise<void> {
    await this.init();
    await this.pool.query(
      `INSERT INTO ${this.t('steps')} (run_id, key, step_id, pointer, kind, status, attempts, started_at, ended_at, input, output, error, connector, connector_integrity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14)
       ON CONFLICT (run_id, key) DO UPDATE SET seq = DEFAULT, step_id = EXCLUDED.step_id, pointer = EXCLUDED.pointer,
         kind = EXCLUDED.kind, status = EXCLUDED.status, attempts = EXCLUDED.attempts, started_at = EXCLUDED.started_at,
         ended_at = EXCLUDED.ended_at, input = EXCLUDED.input, output = EXCLUDED.output, error = EXCLUDED.error,
         connector = EXCLUDED.connector, connector_integrity = EXCLUDED.connector_integrity`,
      [
        runId,
        step.key,
        step.id,
        step.pointer,
        step.kind,
        step.status,
        step.attempts,
        step.startedAt,
        step.endedAt ?? null,
        json(step.input),
        json(step.output),
        json(step.error),
        step.connector ?? null,
        step.connectorIntegrity ?? null,
      ],
    );
  }

  async updateStep(runId: string, key: string, patch: StepPatch): Promise<void> {
    await this.init();
    await this.update(
      'steps',
      {
        status: patch.status,
        attempts: patch.attempts,
        ended_at: patch.endedAt,
        input: patch.input,
        output: patch.output,
        error: patch.error,
      },
      'run_id = $1 AND key = $2',
      [runId, key],
    );
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    await this.init();
    const runs = await this.pool.query(`SELECT ${RUN_COLUMNS} FROM ${this.t('runs')} WHERE id = $1`, [id]);
    const row = runs.rows[0];
    if (!row) return undefined;
    const steps = await this.pool.query(
      `SELECT ${STEP_COLUMNS} FROM ${this.t('steps')} WHERE run_id = $1 ORDER BY seq`,
      [id],
    );
    return { ...toRun(row), steps: steps.rows.map(toStep) };
  }

  async listRuns(options: ListRunsOptions = {}): Promise<RunSummary[]> {
    await this.init();
    const result = await this.pool.query(
      `SELECT ${RUN_COLUMNS} FROM ${this.t('runs')}
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR workflow = $2)
         AND ($4::text IS NULL OR starts_with(id, $4))
         AND ($5::text IS NULL OR (started_at, id COLLATE "C") < (SELECT started_at, id FROM ${this.t('runs')} WHERE id = $5))
       ORDER BY started_at DESC, id COLLATE "C" DESC LIMIT $3`,
      [
        options.status ?? null,
        options.workflow ?? null,
        options.limit ?? 100,
        options.idPrefix ?? null,
        options.after ?? null,
      ],
    );
    return result.rows.map(toRun);
  }

  async prune(options: PruneOptions): Promise<PruneResult> {
    const cutoff = new Date(cutoffMs(options.olderThan));
    await this.init();
    // Steps go with their run (ON DELETE CASCADE).
    const result = await this.pool.query(
      `DELETE FROM ${this.t('runs')} WHERE status <> 'running' AND started_at < $1`,
      [cutoff],
    );
    return { removed: result.rowCount ?? 0 };
  }

  async markInterrupted(): Promise<string[]> {
    await this.init();
    const running = await this.pool.query(
      `SELECT id, owner_host, owner_pid, owner_instance FROM ${this.t('runs')} WHERE status = 'running' AND owner_instance <> $1`,
      [THIS_PROCESS.instance],
    );
    if (running.rows.length === 0) return [];
    const gone = await this.goneInstances([...new Set(running.rows.map((r) => String(r.owner_instance)))]);
    const marked: string[] = [];
    for (const row of running.rows.filter((r) => gone.has(String(r.owner_instance)))) {
      const owner = { host: String(row.owner_host), pid: Number(row.owner_pid), instance: String(row.owner_instance) };
      const id = String(row.id);
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const updated = await client.query(
          `UPDATE ${this.t('runs')} SET status = 'interrupted', ended_at = now(), error = $2::jsonb WHERE id = $1 AND status = 'running'`,
          [id, json(interruptedError(owner))],
        );
        await client.query(
          `UPDATE ${this.t('steps')} SET status = 'interrupted', ended_at = now() WHERE run_id = $1 AND status = 'running'`,
          [id],
        );
        await client.query('COMMIT');
        if (updated.rowCount === 1) marked.push(id);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    }
    return marked;
  }

  async close(): Promise<void> {
    const session = await this.ownerSession?.catch(() => undefined);
    session?.release(true);
    this.ownerSession = undefined;
    if (this.ownsPool) await this.pool.end();
  }

  /** Instances whose owner lock nobody holds any more: their process (or its connection) is gone. */
  private async goneInstances(instances: string[]): Promise<Set<string>> {
    const client = await this.pool.connect();
    const gone = new Set<string>();
    try {
      for (const instance of instances) {
        const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS free', [
          lockName(instance),
        ]);
        if (rows[0]?.free === true) {
          gone.add(instance);
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockName(instance)]);
        }
      }
    } finally {
      client.release();
    }
    return gone;
  }

  /** Takes this process's owner lock on a session kept open until `close`. */
  private holdOwnerLock(): Promise<pg.PoolClient> {
    this.ownerSession ??= (async () => {
      const client = await this.pool.connect();
      // A dropped session releases the lock; the next run takes it again on a new one.
      client.on('error', () => {
        this.ownerSession = undefined;
      });
      await client.query('SELECT pg_advisory_lock_shared(hashtextextended($1, 0))', [lockName(THIS_PROCESS.instance)]);
      return client;
    })().catch((error: unknown) => {
      this.ownerSession = undefined;
      throw error;
    });
    return this.ownerSession;
  }

  private init(): Promise<void> {
    this.ready ??= this.createTables().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createTables(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Two processes creating the tables at once would collide in the catalog; take turns.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`mova-run-store:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.t('runs')} (
        id text PRIMARY KEY,
        workflow text NOT NULL,
        status text NOT NULL,
        inputs jsonb,
        output jsonb,
        error jsonb,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        owner_host text NOT NULL,
        owner_pid integer NOT NULL,
        owner_instance text NOT NULL
      )`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS runs_status_started ON ${this.t('runs')} (status, started_at DESC)`,
      );
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.t('steps')} (
        run_id text NOT NULL REFERENCES ${this.t('runs')} (id) ON DELETE CASCADE,
        key text NOT NULL,
        seq bigserial,
        step_id text NOT NULL,
        pointer text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        input jsonb,
        output jsonb,
        error jsonb,
        connector text,
        connector_integrity text,
        PRIMARY KEY (run_id, key)
      )`);
      // Tables created before the column existed get it here.
      await client.query(`ALTER TABLE ${this.t('steps')} ADD COLUMN IF NOT EXISTS connector_integrity text`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  private async update(table: 'runs' | 'steps', fields: Record<string, unknown>, where: string, keys: unknown[]) {
    const sets: string[] = [];
    const values = [...keys];
    for (const [column, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      values.push(JSON_COLUMNS.has(column) ? json(value) : value);
      sets.push(`${column} = $${values.length}${JSON_COLUMNS.has(column) ? '::jsonb' : ''}`);
    }
    if (sets.length === 0) return;
    await this.pool.query(`UPDATE ${this.t(table)} SET ${sets.join(', ')} WHERE ${where}`, values);
  }

  private t(table: 'runs' | 'steps'): string {
    return `"${this.schema}"."${table}"`;
  }
}

const JSON_COLUMNS = new Set(['inputs', 'output', 'error', 'input']);
// pg reads JSON null and SQL NULL alike; has_output tells an output of null from no output.
const RUN_COLUMNS = '*, output IS NOT NULL AS has_output';
const STEP_COLUMNS = '*, output IS NOT NULL AS has_output';

function lockName(instance: string): string {
  return `mova-run-owner:${instance}`;
}

/** JSON for a jsonb parameter; undefined stays SQL NULL so "absent" and JSON null differ. */
function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

type Row = Record<string, unknown>;

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function toRun(row: Row): RunSummary {
  const run: RunSummary = {
    id: String(row.id),
    workflow: String(row.workflow),
    status: String(row.status) as RunStatus,
    inputs: row.inputs,
    startedAt: iso(row.started_at),
    owner: { host: String(row.owner_host), pid: Number(row.owner_pid), instance: String(row.owner_instance) },
  };
  if (row.has_output === true) run.output = row.output;
  if (row.error !== null) run.error = row.error as RunSummary['error'];
  if (row.ended_at !== null) run.endedAt = iso(row.ended_at);
  return run;
}

function toStep(row: Row): StepRecord {
  const step: StepRecord = {
    key: String(row.key),
    id: String(row.step_id),
    pointer: String(row.pointer),
    kind: String(row.kind) as StepRecord['kind'],
    status: String(row.status) as StepStatus,
    attempts: Number(row.attempts),
    startedAt: iso(row.started_at),
  };
  if (row.ended_at !== null) step.endedAt = iso(row.ended_at);
  if (row.input !== null) step.input = row.input;
  if (row.has_output === true) step.output = row.output;
  if (row.error !== null) step.error = row.error as StepRecord['error'];
  if (row.connector !== null) step.connector = String(row.connector);
  if (row.connector_integrity !== null && row.connector_integrity !== undefined) {
    step.connectorIntegrity = String(row.connector_integrity);
  }
  return step;
}
