import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { MovaError } from '@mova/sdk/host';
import type BetterSqlite3 from 'better-sqlite3';
import { makeDir } from '../make-dir.js';
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
  RunStore,
  RunSummary,
  StepPatch,
  StepRecord,
  WriteOptions,
} from './types.js';

export interface SqliteRunStoreOptions {
  /** How often a process that runs runs records that it is alive (default 5 s). */
  heartbeatMs?: number;
  /**
   * An owner on another machine (the database file was moved, or a container came back under
   * another host name) whose last heartbeat is older than this is taken for dead (default 60 s).
   * Owners on this machine are judged by their process, at once.
   */
  staleAfterMs?: number;
  /** How long a write waits for another process holding the database's write lock (default 10 s). */
  busyTimeoutMs?: number;
  /**
   * A store whose runs are copied in once, the first time this file is opened (the file store this
   * one replaces): `runs` keeps listing them. The copy is one transaction, so a crash midway copies
   * nothing and the next open tries again.
   */
  importFrom?: RunStore;
}

/** better-sqlite3 is an optional dependency (a native addon): its absence is this error, with what to do. */
export class SqliteUnavailableError extends MovaError {
  declare readonly hint: string;

  constructor(hint: string, options?: ErrorOptions) {
    super(
      'E_SQLITE_UNAVAILABLE',
      'the SQLite run store needs the optional dependency better-sqlite3, which could not be loaded',
      hint,
      options,
    );
  }
}

type Database = BetterSqlite3.Database;
type DatabaseConstructor = typeof BetterSqlite3;

let driver: DatabaseConstructor | undefined;

/** Loads better-sqlite3 on first use only, so processes that never open this store never pay for it. */
function loadDriver(): DatabaseConstructor {
  if (driver) return driver;
  try {
    driver = createRequire(import.meta.url)('better-sqlite3') as DatabaseConstructor;
  } catch (error) {
    throw new SqliteUnavailableError(
      'Install it next to @mova/runtime (npm install better-sqlite3@12; it compiles a native addon, so a C++ toolchain may be needed), or use the file store or PostgreSQL.',
      { cause: error },
    );
  }
  return driver;
}

interface Pending {
  op: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Set by the batch: what `op` returned, or what it threw. */
  outcome?: { value: unknown } | { error: unknown };
}

interface RunRow {
  data: string;
}

interface RunningRow {
  id: string;
  data: string;
  last_seen: number | null;
}

interface StepRow {
  data: string;
}

/**
 * The embedded run store in one SQLite file (better-sqlite3, loaded lazily): runs and steps as JSON
 * rows, with the columns listing and retention filter on. Writes made in the same turn of the
 * event loop (concurrent runs) share one transaction and so one fsync, each resolving only once it
 * is on disk: durable like the file store, without an fsync per event; a `{ durable: false }` write
 * resolves without waiting for its batch. Owners, heartbeats and the
 * `interrupted` verdict work as in the file store. Meant for one machine: SQLite's WAL mode needs
 * the processes that share the file to share its memory, so never put it on a network folder.
 * @example
 * const store = new SqliteRunStore('.mova/data/runs.sqlite');
 * const page = await store.listRuns({ limit: 20 });
 */
export class SqliteRunStore implements RunStore {
  readonly file: string;
  private readonly Driver: DatabaseConstructor;
  private readonly busyTimeoutMs: number;
  private readonly heartbeatMs: number;
  private readonly staleAfterMs: number;
  private readonly importFrom?: RunStore;
  private db?: Database;
  private opening?: Promise<void>;
  private statements!: ReturnType<typeof prepare>;
  private batch!: (ops: Pending[]) => void;
  private pending: Pending[] = [];
  private scheduled = false;
  private heartbeat?: NodeJS.Timeout;
  private closed = false;
  /** Failures of writes nobody waited for, by run: the run's next durable write reports them. */
  private readonly deferredFailures = new Map<string, unknown>();

  /** Throws SqliteUnavailableError at once when better-sqlite3 is missing; the file is opened on first use. */
  constructor(file: string, options: SqliteRunStoreOptions = {}) {
    this.Driver = loadDriver();
    this.file = resolve(file);
    this.busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.staleAfterMs = options.staleAfterMs ?? 60_000;
    this.importFrom = options.importFrom;
  }

  private open(): Promise<void> {
    this.opening ??= (async () => {
      await makeDir(dirname(this.file));
      if (this.closed) return;
      const db = new this.Driver(this.file, { timeout: this.busyTimeoutMs });
      // WAL: readers (`runs` in another terminal) never block the server's writes, and a commit is
      // one append to the log. synchronous=FULL: every commit is fsynced before its calls resolve, as
      // the RunStore promises and the file store does; NORMAL would survive a kill -9 but could lose
      // the last commits to a power cut. Batching commits (below) is what keeps FULL fast.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      createTables(db);
      this.statements = prepare(db);
      if (this.importFrom && !imported(db)) await this.importRuns(db, this.importFrom);
      // One immediate transaction per batch; each call in a savepoint, so one that fails (a
      // duplicate run id) rolls back alone and the others still commit.
      const each = db.transaction((item: Pending) => item.op());
      this.batch = db.transaction((ops: Pending[]) => {
        for (const item of ops) {
          try {
            item.outcome = { value: each(item) };
          } catch (error) {
            item.outcome = { error };
          }
        }
      }).immediate;
      this.db = db;
    })();
    return this.opening;
  }

  /** Copies every run of `source` that this file does not hold, and records that it did. */
  private async importRuns(db: Database, source: RunStore): Promise<void> {
    const runs: RunRecord[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await source.listRuns({ limit: 500, after });
      for (const summary of page) {
        const run = await source.getRun(summary.id);
        if (run) runs.push(run);
      }
      if (page.length < 500) break;
      after = page.at(-1)?.id;
    }
    db.transaction(() => {
      if (imported(db)) return;
      for (const run of runs) {
        const { steps, ...summary } = run;
        const inserted = this.statements.importRun.run({
          id: run.id,
          workflow: run.workflow,
          status: run.status,
          started_at: run.startedAt,
          owner: run.owner.instance,
          data: this.stored(summary),
        });
        if (inserted.changes === 0) continue;
        for (const step of steps) this.putStep(run.id, step);
      }
      db.prepare("INSERT INTO meta (key, value) VALUES ('imported', ?)").run(String(runs.length));
    }).immediate();
  }

  createRun(run: RunRecord, options?: WriteOptions): Promise<void> {
    if (run.status === 'running' && run.owner.instance === THIS_PROCESS.instance) this.startHeartbeat();
    const write = () => {
      const { steps, ...summary } = run;
      this.statements.insertRun.run({
        id: run.id,
        workflow: run.workflow,
        status: run.status,
        started_at: run.startedAt,
        owner: run.owner.instance,
        data: this.stored(summary),
      });
      for (const step of steps) this.putStep(run.id, step);
    };
    return options?.durable === false ? this.defer(run.id, write) : this.write(write, run.id);
  }

  updateRun(id: string, patch: RunPatch): Promise<void> {
    return this.write(() => {
      const row = this.statements.getRun.get(id) as RunRow | undefined;
      if (!row) return;
      const run = JSON.parse(row.data) as RunSummary;
      const { resumeAt, ...rest } = patch;
      for (const [key, value] of Object.entries(rest)) {
        if (value !== undefined) (run as unknown as Record<string, unknown>)[key] = value;
      }
      if (resumeAt === null) delete run.resumeAt;
      else if (resumeAt !== undefined) run.resumeAt = resumeAt;
      this.saveRun(run);
    }, id);
  }

  appendStep(runId: string, step: StepRecord, options?: WriteOptions): Promise<void> {
    const write = () => this.putStep(runId, step);
    return options?.durable === false ? this.defer(runId, write) : this.write(write, runId);
  }

  updateStep(runId: string, key: string, patch: StepPatch, options?: WriteOptions): Promise<void> {
    const write = () => {
      this.patchStep(runId, key, patch);
    };
    return options?.durable === false ? this.defer(runId, write) : this.write(write, runId);
  }

  /** Commits what is queued now (the run's deferred writes with it). */
  flush(runId: string): Promise<void> {
    return this.write(() => {}, runId);
  }

  decideStep(runId: string, key: string, patch: StepPatch): Promise<boolean> {
    // Inside the write transaction, which holds the database's write lock: of two decisions, in this
    // process or another, the second reads the step decided.
    return this.write(() => this.patchStep(runId, key, patch, 'waiting'), runId);
  }

  reopenRun(id: string, owner: RunOwner): Promise<RunRecord | undefined> {
    if (owner.instance === THIS_PROCESS.instance) this.startHeartbeat();
    return this.write(() => {
      this.interruptDead(id);
      const row = this.statements.getRun.get(id) as RunRow | undefined;
      if (!row) return undefined;
      const run = JSON.parse(row.data) as RunSummary;
      if (run.status !== 'interrupted' && run.status !== 'waiting') return undefined;
      const { endedAt: _ended, error: _error, resumeAt: _due, ...rest } = run;
      const taken: RunSummary = { ...rest, status: 'running', owner };
      this.saveRun(taken);
      return { ...this.joined(taken), steps: this.stepsOf(id) };
    });
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const row = await this.read(() => this.statements.getRun.get(id) as RunRow | undefined);
    if (!row) return undefined;
    const run = JSON.parse(row.data) as RunSummary;
    if (run.status === 'running' && run.owner.instance !== THIS_PROCESS.instance) {
      // Settles a run whose owner died, then reads it again as recorded.
      const marked = await this.write(() => this.interruptDead(id));
      if (marked.length > 0) return this.getRun(id);
    }
    return this.read(() => ({ ...this.joined(run), steps: this.stepsOf(id) }));
  }

  async listRuns(options: ListRunsOptions = {}): Promise<RunSummary[]> {
    await this.write(() => this.interruptDead());
    return this.read(() => {
      const rows = this.statements.listRuns.all({
        status: options.status ?? null,
        workflow: options.workflow ?? null,
        prefix: options.idPrefix ?? null,
        after: options.after ?? null,
        limit: options.limit ?? 100,
      }) as RunRow[];
      return rows.map((row) => {
        // A page leaves the resume info out: getRun has it.
        const { resume: _resume, ...summary } = JSON.parse(row.data) as RunSummary;
        return summary;
      });
    });
  }

  markInterrupted(): Promise<string[]> {
    return this.write(() => this.interruptDead());
  }

  prune(options: PruneOptions): Promise<PruneResult> {
    const cutoff = new Date(cutoffMs(options.olderThan)).toISOString();
    return this.write(() => {
      // Steps go with their run (ON DELETE CASCADE).
      const removed = this.statements.pruneRuns.run(cutoff).changes;
      this.statements.pruneOwners.run(Date.parse(cutoff));
      if (removed > 0) this.statements.pruneWorkflows.run();
      return { removed };
    });
  }

  /** Commits what is queued and closes the file; calls made after close fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.opening?.catch(() => {});
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.commit();
    this.closed = true;
    this.db?.close();
  }

  /**
   * Queues a write; every write queued in this turn of the event loop commits in one transaction
   * (one fsync), after which each call resolves with its own result or rejects with its own error.
   * Given `runId`, it also fails with the error of a deferred write of that run that failed.
   */
  private async write<T>(op: () => T, runId?: string): Promise<T> {
    await this.queueing();
    return new Promise<T>((resolvePromise, reject) => {
      const resolve = (value: unknown) => {
        const failure = runId === undefined ? undefined : this.deferredFailures.get(runId);
        if (failure === undefined) return resolvePromise(value as T);
        this.deferredFailures.delete(runId ?? '');
        reject(failure);
      };
      this.pending.push({ op, resolve, reject });
    });
  }

  /**
   * Queues a write of a run that resolves at once (`{ durable: false }`): it commits with the same
   * batch as the writes after it, and if it fails, the run's next durable write fails with its error.
   */
  private async defer(runId: string, op: () => unknown): Promise<void> {
    await this.queueing();
    this.pending.push({ op, resolve: () => {}, reject: (error) => this.deferredFailures.set(runId, error) });
  }

  /** Opens the file if need be and makes sure the queued writes commit at the end of this turn. */
  private async queueing(): Promise<void> {
    if (!this.db) await this.open();
    if (this.closed) throw new Error(`the run store ${this.file} is closed`);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.commit());
  }

  /** Reads after the writes queued before it, so a caller reads what it wrote. */
  private async read<T>(op: () => T): Promise<T> {
    if (!this.db) await this.open();
    if (this.closed) throw new Error(`the run store ${this.file} is closed`);
    this.commit();
    return op();
  }

  private commit(): void {
    this.scheduled = false;
    const ops = this.pending;
    if (ops.length === 0) return;
    this.pending = [];
    try {
      this.batch(ops);
    } catch (error) {
      // The commit itself failed (disk full, lock held past the timeout): nothing of the batch is kept.
      for (const item of ops) item.reject(error);
      return;
    }
    // In order: a deferred write's failure is known before the run's later writes settle.
    for (const item of ops) {
      if (item.outcome && 'error' in item.outcome) item.reject(item.outcome.error);
      else item.resolve(item.outcome?.value);
    }
  }

  /**
   * A new run as stored: the workflow text of its resume info goes to `workflows`, once per hash
   * (a service runs one workflow many times; it can be large), and the run keeps the hash.
   */
  private stored(run: RunSummary): string {
    if (!run.resume) return JSON.stringify(run);
    const { workflow, ...resume } = run.resume;
    this.statements.putWorkflow.run(resume.workflowHash, workflow);
    return JSON.stringify({ ...run, resume });
  }

  /** A stored run with its resume info whole again. */
  private joined(run: RunSummary): RunSummary {
    if (!run.resume || typeof run.resume.workflow === 'string') return run;
    const row = this.statements.getWorkflow.get(run.resume.workflowHash) as { text: string } | undefined;
    if (!row) return run;
    return { ...run, resume: { ...run.resume, workflow: row.text } };
  }

  private saveRun(run: RunSummary): void {
    this.statements.updateRun.run({
      id: run.id,
      status: run.status,
      owner: run.owner.instance,
      data: JSON.stringify(run),
    });
  }

  /** A new record for a step; one run again replaces the earlier one and moves to the end. */
  private putStep(runId: string, step: StepRecord): void {
    this.statements.deleteStep.run(runId, step.key);
    this.statements.insertStep.run(runId, step.key, JSON.stringify(step));
  }

  private patchStep(runId: string, key: string, patch: StepPatch, onlyIf?: StepRecord['status']): boolean {
    const row = this.statements.getStep.get(runId, key) as StepRow | undefined;
    if (!row) return false;
    const step = JSON.parse(row.data) as StepRecord;
    if (onlyIf !== undefined && step.status !== onlyIf) return false;
    for (const [field, value] of Object.entries(patch)) {
      if (value !== undefined) (step as unknown as Record<string, unknown>)[field] = value;
    }
    this.statements.updateStep.run(JSON.stringify(step), runId, key);
    return true;
  }

  private stepsOf(runId: string): StepRecord[] {
    return (this.statements.stepsOf.all(runId) as StepRow[]).map((row) => JSON.parse(row.data) as StepRecord);
  }

  /**
   * Records `interrupted` the running runs (all, or one) whose owner is gone: on this machine, its
   * process ended; elsewhere, its heartbeat is older than `staleAfterMs`. The end recorded is the
   * owner's last sign of life: its last heartbeat or the run's last record, whichever is later.
   * Called inside a write transaction, so a run is never judged and taken at once by two processes.
   */
  private interruptDead(id?: string): string[] {
    const rows = this.statements.running.all({ self: THIS_PROCESS.instance, id: id ?? null }) as RunningRow[];
    const marked: string[] = [];
    const verdicts = new Map<string, boolean>();
    const now = Date.now();
    for (const row of rows) {
      const run = JSON.parse(row.data) as RunSummary;
      let gone = verdicts.get(run.owner.instance);
      if (gone === undefined) {
        const liveness = ownerLiveness(run.owner);
        gone =
          liveness === 'gone' ||
          (liveness === 'unknown' && row.last_seen !== null && now - row.last_seen > this.staleAfterMs);
        verdicts.set(run.owner.instance, gone);
      }
      if (!gone) continue;
      const steps = this.stepsOf(run.id);
      let last = Date.parse(run.startedAt);
      for (const step of steps) last = Math.max(last, Date.parse(step.startedAt), Date.parse(step.endedAt ?? '') || 0);
      if (row.last_seen !== null) last = Math.max(last, row.last_seen);
      const endedAt = new Date(Math.min(last, now)).toISOString();
      for (const step of steps) {
        if (step.status === 'running') this.patchStep(run.id, step.key, { status: 'interrupted', endedAt });
      }
      this.saveRun({ ...run, status: 'interrupted', endedAt, error: interruptedError(run.owner) });
      marked.push(run.id);
    }
    return marked;
  }

  /** Records this process alive now and every `heartbeatMs` until `close`. */
  private startHeartbeat(): void {
    if (this.heartbeat || this.closed) return;
    const beat = () => this.write(() => this.statements.beat.run(THIS_PROCESS.instance, Date.now()));
    beat().catch(() => {});
    this.heartbeat = setInterval(() => {
      // A failed beat (the disk away for a moment) is simply the next one's job.
      beat().catch(() => {});
    }, this.heartbeatMs);
    // A heartbeat must never keep a process alive on its own.
    this.heartbeat.unref();
  }
}

function createTables(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS runs (
      id TEXT PRIMARY KEY,
      workflow TEXT NOT NULL,
      status TEXT NOT NULL,
      started_at TEXT NOT NULL,
      owner TEXT NOT NULL,
      data TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS runs_order ON runs (started_at DESC, id DESC);
    CREATE INDEX IF NOT EXISTS runs_status ON runs (status, started_at DESC, id DESC);
    CREATE TABLE IF NOT EXISTS steps (
      run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      data TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS steps_key ON steps (run_id, key);
    CREATE TABLE IF NOT EXISTS workflows (hash TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS owners (
      instance TEXT PRIMARY KEY,
      last_seen INTEGER NOT NULL
    ) WITHOUT ROWID;
  `);
}

/** Whether the runs of the store this file replaced were copied in already. */
function imported(db: Database): boolean {
  return db.prepare("SELECT 1 FROM meta WHERE key = 'imported'").get() !== undefined;
}

function prepare(db: Database) {
  return {
    importRun: db.prepare(
      'INSERT OR IGNORE INTO runs (id, workflow, status, started_at, owner, data) VALUES (@id, @workflow, @status, @started_at, @owner, @data)',
    ),
    insertRun: db.prepare(
      'INSERT INTO runs (id, workflow, status, started_at, owner, data) VALUES (@id, @workflow, @status, @started_at, @owner, @data)',
    ),
    updateRun: db.prepare('UPDATE runs SET status = @status, owner = @owner, data = @data WHERE id = @id'),
    getRun: db.prepare('SELECT data FROM runs WHERE id = ?'),
    // Newest first by start time, then id (bytewise, as SQLite compares text by default).
    listRuns: db.prepare(`
      SELECT data FROM runs
      WHERE (@status IS NULL OR status = @status) AND (@workflow IS NULL OR workflow = @workflow)
        AND (@prefix IS NULL OR substr(id, 1, length(@prefix)) = @prefix)
        AND (@after IS NULL OR (started_at, id) < (SELECT started_at, id FROM runs WHERE id = @after))
      ORDER BY started_at DESC, id DESC LIMIT @limit`),
    running: db.prepare(`
      SELECT r.id, r.data, o.last_seen FROM runs r LEFT JOIN owners o ON o.instance = r.owner
      WHERE r.status = 'running' AND r.owner <> @self AND (@id IS NULL OR r.id = @id)`),
    pruneRuns: db.prepare("DELETE FROM runs WHERE status NOT IN ('running', 'waiting') AND started_at < ?"),
    // Heartbeats of owners that no running run names any more and that stopped before the cutoff.
    pruneOwners: db.prepare(`
      DELETE FROM owners WHERE last_seen < ?
        AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.owner = owners.instance AND r.status = 'running')`),
    putWorkflow: db.prepare('INSERT OR IGNORE INTO workflows (hash, text) VALUES (?, ?)'),
    getWorkflow: db.prepare('SELECT text FROM workflows WHERE hash = ?'),
    // Workflow texts no run names any more.
    pruneWorkflows: db.prepare(
      "DELETE FROM workflows WHERE hash NOT IN (SELECT json_extract(data, '$.resume.workflowHash') FROM runs WHERE json_extract(data, '$.resume.workflowHash') IS NOT NULL)",
    ),
    insertStep: db.prepare('INSERT INTO steps (run_id, key, data) VALUES (?, ?, ?)'),
    deleteStep: db.prepare('DELETE FROM steps WHERE run_id = ? AND key = ?'),
    getStep: db.prepare('SELECT data FROM steps WHERE run_id = ? AND key = ?'),
    updateStep: db.prepare('UPDATE steps SET data = ? WHERE run_id = ? AND key = ?'),
    stepsOf: db.prepare('SELECT data FROM steps WHERE run_id = ? ORDER BY seq'),
    beat: db.prepare(
      'INSERT INTO owners (instance, last_seen) VALUES (?, ?) ON CONFLICT (instance) DO UPDATE SET last_seen = excluded.last_seen',
    ),
  };
}
