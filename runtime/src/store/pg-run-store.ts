import { createRequire } from 'node:module';
import { MovaError } from '@mova/sdk/host';
import type pg from 'pg';
import { interruptedError } from './interrupted.js';
import { ownerLiveness, THIS_PROCESS } from './owner.js';
import { cutoffMs } from './retention.js';
import type {
  ListRunsOptions,
  PruneOptions,
  PruneResult,
  RunOwner,
  RunPatch,
  RunRecord,
  RunStatus,
  RunStore,
  RunSummary,
  StepPatch,
  StepRecord,
  StepStatus,
} from './types.js';
import { isWorkflowHash, joinResume, splitResume } from './workflow-documents.js';

export interface PgRunStoreOptions {
  /** A pool to use (the store never ends it), or a connection string for a pool of its own. */
  pool?: pg.Pool;
  connectionString?: string;
  /** The schema holding the tables, created on first use (default `mova`). */
  schema?: string;
  /** How often a process that runs runs records that it is alive (default 5 s). */
  heartbeatMs?: number;
  /**
   * An owner on another machine whose last heartbeat is older than this (by the database's clock)
   * is taken for dead (default 30 s). Owners on this machine are judged by their process, at once.
   */
  staleAfterMs?: number;
  /** Longest `close()` waits for queries in flight before it lets go of the pool (default 10 s). */
  closeTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** pg is an optional peer dependency of @mova/runtime: its absence is this error, with what to do. */
export class PostgresUnavailableError extends MovaError {
  constructor(options?: ErrorOptions) {
    super(
      'E_POSTGRES_UNAVAILABLE',
      'the PostgreSQL run store needs the package pg, which could not be loaded',
      'Install it next to @mova/runtime (npm install pg@8), or use the file or SQLite run store.',
      options,
    );
  }
}

let driver: typeof pg | undefined;

/** Loads pg on first use only, so installs and processes that never use PostgreSQL never pay for it. */
function loadDriver(): typeof pg {
  if (driver) return driver;
  try {
    driver = createRequire(import.meta.url)('pg') as typeof pg;
  } catch (error) {
    throw new PostgresUnavailableError({ cause: error });
  }
  return driver;
}

/**
 * The run store for many machines: runs and steps in PostgreSQL, tables created on first use.
 * A process that runs runs beats a heartbeat into `owners` (any connection of the pool, so a
 * dropped session changes nothing); a run whose owner is gone is recorded `interrupted` by the
 * next `listRuns`, `getRun` or start-up, ended at the owner's last heartbeat. On the owner's own
 * machine its process is checked (pid, start time, boot id) and a dead one is seen at once; on
 * other machines, a heartbeat older than `staleAfterMs` means dead.
 * @example
 * import { PgRunStore } from '@mova/runtime/postgres';
 * const store = new PgRunStore({ connectionString: 'postgres://postgres@127.0.0.1/mova' });
 */
export class PgRunStore implements RunStore {
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly schema: string;
  private readonly heartbeatMs: number;
  private readonly staleAfterMs: number;
  private readonly closeTimeoutMs: number;
  private ready?: Promise<void>;
  private heartbeat?: NodeJS.Timeout;
  private beating?: Promise<void>;

  /** Throws PostgresUnavailableError at once when no pool is given and pg is not installed. */
  constructor(options: PgRunStoreOptions = {}) {
    const schema = options.schema ?? 'mova';
    if (!SCHEMA_NAME.test(schema)) {
      throw new MovaError(
        'E_RUN_STORE_SCHEMA',
        `"${schema}" is not a plain lower-case schema name`,
        'Use a lower-case schema name of letters, digits and _, e.g. mova_runs.',
      );
    }
    this.schema = schema;
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new (loadDriver().Pool)({ connectionString: options.connectionString });
    // An idle connection the server drops must not take the process down (pg's pool emits 'error').
    if (this.ownsPool) this.pool.on('error', () => {});
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.staleAfterMs = options.staleAfterMs ?? 30_000;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
  }

  async createRun(run: RunRecord): Promise<void> {
    await this.init();
    // The workflow text is kept once per hash: a workflow that runs often is not stored per run.
    const resume = run.resume ? splitResume(run.resume) : undefined;
    if (resume) {
      await this.pool.query(
        `INSERT INTO ${this.t('workflows')} (hash, document) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING`,
        [resume.hash, resume.document],
      );
    }
    if (run.status === 'running' && run.owner.instance === THIS_PROCESS.instance) await this.startHeartbeat();
    await this.pool.query(
      `INSERT INTO ${this.t('runs')} (id, workflow, status, inputs, output, error, started_at, ended_at, owner_host, owner_pid, owner_instance, owner_boot_id, owner_start_time, resume, resume_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15)`,
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
        run.owner.bootId ?? null,
        run.owner.startTime ?? null,
        json(resume?.stored),
        run.resumeAt ?? null,
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
    // `update` skips undefined fields; null here means "clear the due time".
    if (patch.resumeAt !== undefined) {
      await this.pool.query(`UPDATE ${this.t('runs')} SET resume_at = $2 WHERE id = $1`, [id, patch.resumeAt]);
    }
  }

  async reopenRun(id: string, owner: RunOwner): Promise<RunRecord | undefined> {
    await this.init();
    // Settles a run whose owner died, so it can be taken as `interrupted`.
    await this.interruptDead(id);
    if (owner.instance === THIS_PROCESS.instance) await this.startHeartbeat();
    const updated = await this.pool.query(
      `UPDATE ${this.t('runs')} SET status = 'running', ended_at = NULL, error = NULL, resume_at = NULL,
         owner_host = $2, owner_pid = $3, owner_instance = $4, owner_boot_id = $5, owner_start_time = $6
       WHERE id = $1 AND status IN ('interrupted', 'waiting') RETURNING id`,
      [id, owner.host, owner.pid, owner.instance, owner.bootId ?? null, owner.startTime ?? null],
    );
    if (updated.rowCount === 0) return undefined;
    return this.getRun(id);
  }

  async decideStep(runId: string, key: string, patch: StepPatch): Promise<boolean> {
    await this.init();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // The row lock makes two decisions at once take turns; the second finds the step decided.
      const { rows } = await client.query(
        `SELECT status FROM ${this.t('steps')} WHERE run_id = $1 AND key = $2 FOR UPDATE`,
        [runId, key],
      );
      if (rows[0]?.status !== 'waiting') {
        await client.query('ROLLBACK');
        return false;
      }
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
        client,
      );
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async appendStep(runId: string, step: StepRecord): Promise<void> {
    await this.init();
    await this.pool.query(
      `INSERT INTO ${this.t('steps')} (run_id, key, step_id, pointer, kind, status, attempts, started_at, ended_at, input, output, error, connector, connector_integrity, worker)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14, $15)
       ON CONFLICT (run_id, key) DO UPDATE SET seq = DEFAULT, step_id = EXCLUDED.step_id, pointer = EXCLUDED.pointer,
         kind = EXCLUDED.kind, status = EXCLUDED.status, attempts = EXCLUDED.attempts, started_at = EXCLUDED.started_at,
         ended_at = EXCLUDED.ended_at, input = EXCLUDED.input, output = EXCLUDED.output, error = EXCLUDED.error,
         connector = EXCLUDED.connector, connector_integrity = EXCLUDED.connector_integrity, worker = EXCLUDED.worker`,
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
        step.worker ?? null,
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
    let runs = await this.pool.query(`SELECT ${RUN_COLUMNS} FROM ${this.t('runs')} WHERE id = $1`, [id]);
    if (runs.rows[0]?.status === 'running' && (await this.interruptDead(id)).length > 0) {
      runs = await this.pool.query(`SELECT ${RUN_COLUMNS} FROM ${this.t('runs')} WHERE id = $1`, [id]);
    }
    const row = runs.rows[0];
    if (!row) return undefined;
    const hash: unknown = (row.resume as { workflowHash?: unknown } | null)?.workflowHash;
    if (isWorkflowHash(hash)) {
      const { rows } = await this.pool.query(`SELECT document FROM ${this.t('workflows')} WHERE hash = $1`, [hash]);
      row.resume = joinResume(row.resume, rows[0]?.document as string | undefined);
    }
    const steps = await this.pool.query(
      `SELECT ${STEP_COLUMNS} FROM ${this.t('steps')} WHERE run_id = $1 ORDER BY seq`,
      [id],
    );
    return { ...toRun(row), steps: steps.rows.map(toStep) };
  }

  async listRuns(options: ListRunsOptions = {}): Promise<RunSummary[]> {
    await this.init();
    await this.interruptDead();
    const result = await this.pool.query(
      `SELECT ${LIST_COLUMNS} FROM ${this.t('runs')}
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

  async markInterrupted(): Promise<string[]> {
    await this.init();
    return this.interruptDead();
  }

  async prune(options: PruneOptions): Promise<PruneResult> {
    const cutoff = new Date(cutoffMs(options.olderThan));
    await this.init();
    // Steps go with their run (ON DELETE CASCADE).
    const result = await this.pool.query(
      `DELETE FROM ${this.t('runs')} WHERE status NOT IN ('running', 'waiting') AND started_at < $1`,
      [cutoff],
    );
    // Heartbeats of owners that no running run names any more and that stopped before the cutoff.
    await this.pool.query(
      `DELETE FROM ${this.t('owners')} o WHERE o.last_seen < $1
         AND NOT EXISTS (SELECT 1 FROM ${this.t('runs')} r WHERE r.owner_instance = o.instance AND r.status = 'running')`,
      [cutoff],
    );
    return { removed: result.rowCount ?? 0 };
  }

  /** Settles even when the database is gone or a session was dropped: heartbeat stopped, pool let go. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    const pending = (async () => {
      await this.beating;
      if (this.ownsPool) await this.pool.end();
    })().catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.closeTimeoutMs);
      timer.unref();
    });
    await Promise.race([pending, timeout]);
    clearTimeout(timer);
  }

  /**
   * Records `interrupted` the running runs (all, or one) whose owner is gone: on this machine, its
   * process ended (or the pid was reused); elsewhere, its heartbeat is stale; for runs from before
   * heartbeats, its advisory lock is free. The end recorded is the owner's last sign of life: its
   * last heartbeat or the run's last record, whichever is later.
   */
  private async interruptDead(id?: string): Promise<string[]> {
    const running = await this.pool.query(
      `SELECT r.id, r.owner_host, r.owner_pid, r.owner_instance, r.owner_boot_id, r.owner_start_time,
              o.last_seen, o.last_seen < now() - $3 * interval '1 millisecond' AS stale
       FROM ${this.t('runs')} r LEFT JOIN ${this.t('owners')} o ON o.instance = r.owner_instance
       WHERE r.status = 'running' AND r.owner_instance <> $1 AND ($2::text IS NULL OR r.id = $2)`,
      [THIS_PROCESS.instance, id ?? null, this.staleAfterMs],
    );
    if (running.rows.length === 0) return [];
    const verdicts = new Map<string, boolean>();
    const legacy = new Set<string>();
    for (const row of running.rows) {
      const owner = ownerOf(row);
      if (verdicts.has(owner.instance)) continue;
      const liveness = ownerLiveness(owner);
      if (liveness !== 'unknown') verdicts.set(owner.instance, liveness === 'gone');
      else if (row.last_seen !== null) verdicts.set(owner.instance, row.stale === true);
      else legacy.add(owner.instance);
    }
    for (const instance of await this.lockFree([...legacy])) verdicts.set(instance, true);
    const marked: string[] = [];
    for (const row of running.rows) {
      const owner = ownerOf(row);
      if (verdicts.get(owner.instance) !== true) continue;
      if (await this.interrupt(String(row.id), owner, row.last_seen as Date | null)) marked.push(String(row.id));
    }
    return marked;
  }

  private async interrupt(id: string, owner: RunOwner, lastSeen: Date | null): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // GREATEST skips NULLs: a run with no heartbeat ends at its last record.
      const updated = await client.query(
        `UPDATE ${this.t('runs')} r SET status = 'interrupted', error = $2::jsonb,
           ended_at = LEAST(now(), GREATEST(r.started_at, $3::timestamptz,
             (SELECT max(GREATEST(s.started_at, s.ended_at)) FROM ${this.t('steps')} s WHERE s.run_id = r.id)))
         WHERE id = $1 AND status = 'running' RETURNING ended_at`,
        [id, json(interruptedError(owner)), lastSeen],
      );
      const endedAt = updated.rows[0]?.ended_at;
      if (endedAt !== undefined) {
        await client.query(
          `UPDATE ${this.t('steps')} SET status = 'interrupted', ended_at = $2 WHERE run_id = $1 AND status = 'running'`,
          [id, endedAt],
        );
      }
      await client.query('COMMIT');
      return endedAt !== undefined;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Of owners from before heartbeats, those whose advisory lock nobody holds: gone. */
  private async lockFree(instances: string[]): Promise<string[]> {
    if (instances.length === 0) return [];
    const client = await this.pool.connect();
    const free: string[] = [];
    try {
      for (const instance of instances) {
        const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS free', [
          lockName(instance),
        ]);
        if (rows[0]?.free === true) {
          free.push(instance);
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockName(instance)]);
        }
      }
    } finally {
      client.release();
    }
    return free;
  }

  /** Records this process alive now and every `heartbeatMs` until `close`, through any connection. */
  private async startHeartbeat(): Promise<void> {
    if (this.heartbeat) return;
    await this.beat();
    this.heartbeat ??= setInterval(() => {
      // One beat at a time; a failed one (database away) is simply the next one's job.
      this.beating ??= this.beat()
        .catch(() => {})
        .finally(() => {
          this.beating = undefined;
        });
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private async beat(): Promise<void> {
    const owner = THIS_PROCESS;
    await this.pool.query(
      `INSERT INTO ${this.t('owners')} (instance, host, pid, boot_id, start_time, last_seen)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (instance) DO UPDATE SET last_seen = now()`,
      [owner.instance, owner.host, owner.pid, owner.bootId ?? null, owner.startTime ?? null],
    );
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
        worker text,
        PRIMARY KEY (run_id, key)
      )`);
      // Tables created before the column existed get it here.
      await client.query(`ALTER TABLE ${this.t('steps')} ADD COLUMN IF NOT EXISTS connector_integrity text`);
      await client.query(`ALTER TABLE ${this.t('steps')} ADD COLUMN IF NOT EXISTS worker text`);
      await client.query(`ALTER TABLE ${this.t('runs')} ADD COLUMN IF NOT EXISTS owner_boot_id text`);
      await client.query(`ALTER TABLE ${this.t('runs')} ADD COLUMN IF NOT EXISTS owner_start_time text`);
      await client.query(`ALTER TABLE ${this.t('runs')} ADD COLUMN IF NOT EXISTS resume jsonb`);
      await client.query(`ALTER TABLE ${this.t('runs')} ADD COLUMN IF NOT EXISTS resume_at timestamptz`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.t('workflows')} (
        hash text PRIMARY KEY,
        document text NOT NULL
      )`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.t('owners')} (
        instance text PRIMARY KEY,
        host text NOT NULL,
        pid integer NOT NULL,
        boot_id text,
        start_time text,
        last_seen timestamptz NOT NULL
      )`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  private async update(
    table: 'runs' | 'steps',
    fields: Record<string, unknown>,
    where: string,
    keys: unknown[],
    client: pg.Pool | pg.PoolClient = this.pool,
  ) {
    const sets: string[] = [];
    const values = [...keys];
    for (const [column, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      values.push(JSON_COLUMNS.has(column) ? json(value) : value);
      sets.push(`${column} = $${values.length}${JSON_COLUMNS.has(column) ? '::jsonb' : ''}`);
    }
    if (sets.length === 0) return;
    await client.query(`UPDATE ${this.t(table)} SET ${sets.join(', ')} WHERE ${where}`, values);
  }

  private t(table: 'runs' | 'steps' | 'owners' | 'workflows'): string {
    return `"${this.schema}"."${table}"`;
  }
}

const JSON_COLUMNS = new Set(['inputs', 'output', 'error', 'input']);
// pg reads JSON null and SQL NULL alike; has_output tells an output of null from no output.
const RUN_COLUMNS = '*, output IS NOT NULL AS has_output';
// A page of runs leaves out what only resuming needs.
const LIST_COLUMNS =
  'id, workflow, status, inputs, output, error, started_at, ended_at, owner_host, owner_pid, owner_instance, owner_boot_id, owner_start_time, resume_at, output IS NOT NULL AS has_output';
const STEP_COLUMNS = '*, output IS NOT NULL AS has_output';

function ownerOf(row: Row): RunOwner {
  const owner: RunOwner = {
    host: String(row.owner_host),
    pid: Number(row.owner_pid),
    instance: String(row.owner_instance),
  };
  if (row.owner_boot_id !== null && row.owner_boot_id !== undefined) owner.bootId = String(row.owner_boot_id);
  if (row.owner_start_time !== null && row.owner_start_time !== undefined)
    owner.startTime = String(row.owner_start_time);
  return owner;
}

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
    owner: ownerOf(row),
  };
  if (row.has_output === true) run.output = row.output;
  if (row.error !== null) run.error = row.error as RunSummary['error'];
  if (row.ended_at !== null) run.endedAt = iso(row.ended_at);
  if (row.resume !== null && row.resume !== undefined) run.resume = row.resume as RunSummary['resume'];
  if (row.resume_at !== null && row.resume_at !== undefined) run.resumeAt = iso(row.resume_at);
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
  if (row.worker !== null && row.worker !== undefined) step.worker = String(row.worker);
  return step;
}
