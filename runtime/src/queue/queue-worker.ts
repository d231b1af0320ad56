import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { PollState } from '@mova/sdk';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { AuditLog } from '../audit/audit-log.js';
import type { ApprovalTokens, Decision } from '../engine/approval-tokens.js';
import { auditDecision, settleDue } from '../engine/approval-wake.js';
import type { ServedWorkflow } from '../engine/engine.js';
import { WorkflowValidationError } from '../errors.js';
import type { PauseSupport } from '../executor/pause.js';
import { ResumeError } from '../executor/resume.js';
import type { RunOptions, RunOutcome, RunResult, Runtime } from '../runtime.js';
import type { RunRecord } from '../store/types.js';
import type { ConnectorTrigger } from '../workflow/types.js';
import { publicUrlKey, sharedApprovalTokens } from './approval-secret.js';
import { checkRedis, type QueueSettings, redisOptions } from './connection.js';
import { QueueError } from './errors.js';
import { type PollJob, RUNS_QUEUE, type RunJob, type RunJobResult, runIdOf, type WakeJob, wakeJobId } from './jobs.js';
import { RUN_JOB_OPTIONS, WAKE_JOB_OPTIONS } from './run-queue.js';

export interface QueueWorkerOptions extends QueueSettings {
  /**
   * Runs the jobs: the same sources or lockfile, connections and sandboxes as `serve`. Its store is
   * the shared PostgreSQL store wrapped by `withWorker`, so each step names this worker.
   */
  runtime: Runtime;
  /** The project's workflows, by name (`Engine.open(…).workflows`). */
  workflows: ReadonlyMap<string, ServedWorkflow>;
  /** This worker's name in step records and logs (default `<host>:<pid>`). */
  name?: string;
  /** Runs at once (default 8). */
  concurrency?: number;
  /**
   * How long a job is locked for this worker without a renewal (default 30 s); a worker that died
   * stops renewing, and after this its jobs count as stalled.
   */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for and handed to another worker (default 30 s). */
  stalledIntervalMs?: number;
  /** How often one job may stall (its worker die) before it fails for good (default 2). */
  maxStalledCount?: number;
  /**
   * Where approval links point (serve's public URL); by default the URL the servers announce in
   * Redis (`Engine.resumeUnfinished`).
   */
  publicUrl?: string;
  /** Where approvals that time out are recorded (decided by `timeout`). */
  audit?: AuditLog;
  log?: (entry: Record<string, unknown>) => void;
}

const ENDED = new Set(['completed', 'failed', 'cancelled']);
/** How long an announced public URL is used before it is read again. */
const PUBLIC_URL_TTL_MS = 5_000;

/**
 * The worker side of queue mode: takes run and poll jobs off the queue and runs them on its runtime.
 * A job whose worker died (kill -9, a lost machine) stalls; BullMQ hands it to another worker, which
 * resumes the run from its record: completed steps replayed, the step in flight run again only when
 * it is safe (built-ins, idempotent actions), else failed with E_OUTCOME_UNKNOWN. A run that had
 * ended before its worker died is not run again: its recorded outcome completes the job.
 * @example
 * const worker = await QueueWorker.open({ url: 'redis://127.0.0.1:6379', runtime, workflows: engine.workflows });
 * process.once('SIGTERM', () => worker.stop(30_000));
 */
export class QueueWorker {
  readonly name: string;
  /** Running run and wake jobs, by job id. */
  private readonly active = new Map<string, AbortController>();
  private outbox: Queue<RunJob | WakeJob, RunJobResult> | undefined;
  private worker!: Worker<RunJob | PollJob | WakeJob, RunJobResult | { runs: number }>;
  private tokens!: ApprovalTokens;
  private linkBase: { url: string; readAt: number } | undefined;

  private constructor(private readonly options: QueueWorkerOptions) {
    this.name = options.name ?? `${hostname()}:${process.pid}`;
  }

  /** Checks that Redis answers (a QueueError says what to do when not), then starts taking jobs. */
  static async open(options: QueueWorkerOptions): Promise<QueueWorker> {
    await checkRedis(options.url);
    const worker = new QueueWorker(options);
    worker.worker = new Worker<RunJob | PollJob | WakeJob, RunJobResult | { runs: number }>(
      RUNS_QUEUE,
      (job) => worker.process(job),
      {
        // BullMQ's blocking connection must never give up on a command.
        connection: { ...redisOptions(options.url), maxRetriesPerRequest: null },
        prefix: options.prefix ?? 'mova',
        concurrency: options.concurrency ?? 8,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        maxStalledCount: options.maxStalledCount ?? 2,
      },
    );
    worker.worker.on('error', (error) => worker.log({ event: 'queue.error', error: error.message }));
    worker.worker.on('stalled', (jobId) => worker.log({ event: 'queue.stalled', jobId }));
    await worker.worker.waitUntilReady();
    worker.tokens = await sharedApprovalTokens(await worker.worker.getBackend().client, options.prefix ?? 'mova');
    return worker;
  }

  /** Jobs this worker is running now. */
  get running(): number {
    return this.active.size;
  }

  /**
   * Takes no more jobs and waits up to `drainMs` for the running ones to end; then cancels the rest
   * (their runs end `cancelled`) and waits for them to record it.
   */
  async stop(drainMs = 30_000): Promise<{ drained: number; cancelled: number }> {
    const running = this.active.size;
    const closing = this.worker.close();
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      closing.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), drainMs);
      }),
    ]);
    clearTimeout(timer);
    const cancelled = late ? this.active.size : 0;
    if (late) for (const controller of this.active.values()) controller.abort();
    await closing;
    await this.outbox?.close();
    return { drained: running - cancelled, cancelled };
  }

  private async process(job: Job<RunJob | PollJob | WakeJob, unknown>): Promise<RunJobResult | { runs: number }> {
    try {
      if (job.name === 'poll') return await this.poll((job.data as PollJob).workflow);
      if (job.name === 'wake')
        return await this.tracked(job, (options) =>
          this.settle((job.data as WakeJob).runId, options, job.id, { wake: true }),
        );
      return await this.run(job as Job<RunJob, unknown>);
    } catch (error) {
      // Trying again cannot help: the workflow is not served here, or the inputs do not fit it.
      if (
        error instanceof WorkflowValidationError ||
        (error instanceof QueueError && error.code === 'E_QUEUE_WORKFLOW')
      ) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  }

  private async run(job: Job<RunJob, unknown>): Promise<RunJobResult> {
    const { runtime } = this.options;
    const runId = runIdOf(job.data, String(job.id));
    const served = this.options.workflows.get(job.data.workflow);
    if (!served) {
      throw new QueueError(
        'E_QUEUE_WORKFLOW',
        `this worker does not serve the workflow "${job.data.workflow}"`,
        'Start workers on the same project folder as the servers.',
      );
    }
    return this.tracked(job, async (options) => {
      const recorded = await runtime.store.getRun(runId);
      const runOptions = { ...options, ...(job.data.actor === undefined ? {} : { actor: job.data.actor }) };
      if (!recorded) {
        this.log({ event: 'run.start', runId, workflow: served.name, jobId: job.id });
        const outcome = await runtime.runValidated(served.plan, job.data.inputs, { ...runOptions, runId });
        return outcome.status === 'waiting' ? this.settle(runId, options, job.id) : outcome;
      }
      // Redelivered: the worker that had it died.
      if (ENDED.has(recorded.status)) return resultOf(recorded);
      if (recorded.status === 'running') this.ownedElsewhere(recorded);
      // Parked before its worker died: make sure it is woken.
      if (recorded.status === 'waiting') return this.settle(runId, options, job.id);
      this.log({ event: 'run.resume', runId, workflow: served.name, jobId: job.id, from: recorded.status });
      const outcome = await runtime.resume(runId, runOptions);
      return outcome.status === 'waiting' ? this.settle(runId, options, job.id) : outcome;
    });
  }

  /** Runs a run or wake job cancellable by `stop`, with what pausing needs (links, clock). */
  private async tracked(
    job: Job<unknown, unknown>,
    work: (options: RunOptions & { signal: AbortSignal; pause: PauseSupport }) => Promise<RunOutcome>,
  ): Promise<RunOutcome> {
    const controller = new AbortController();
    const key = String(job.id);
    this.active.set(key, controller);
    try {
      return await work({ signal: controller.signal, pause: await this.pauseSupport() });
    } finally {
      this.active.delete(key);
    }
  }

  /**
   * Looks at a waiting run, as serve's engine does: steps whose time has come get their default
   * outcome; once nothing waits, the run is resumed here (the store's atomic take lets one process
   * do it, however many wake-ups and decisions arrive at once), else a delayed wake-up job is queued
   * for its next due time and the job ends: the run is parked in the store, held by no worker. A
   * run that pauses again is looked at again at once (a decision may have come while it parked).
   * An `interrupted` run (its resuming worker died) is resumed too. A wake-up job that finds the run
   * `running` is tried again after a back-off (`wake`): its owner may have died unnoticed yet.
   */
  private async settle(
    runId: string,
    options: RunOptions,
    jobId: string | undefined,
    { wake = false } = {},
  ): Promise<RunOutcome> {
    const { store } = this.options.runtime;
    for (;;) {
      const run = await store.getRun(runId);
      if (!run)
        return {
          runId,
          status: 'failed',
          error: { kind: 'unknown', message: 'the run store no longer holds this run' },
        };
      if (ENDED.has(run.status)) return resultOf(run);
      if (run.status === 'running') {
        if (wake) this.ownedElsewhere(run);
        // The run job that parked it: a wake-up resumed it meanwhile, and looks on from there.
        return { runId, status: 'waiting' };
      }
      if (run.status === 'waiting') {
        const settled = await this.settleWaiting(run, jobId);
        if (settled) return settled;
      }
      let outcome: RunOutcome;
      try {
        this.log({ event: 'run.resume', runId, workflow: run.workflow, jobId, from: run.status });
        outcome = await this.options.runtime.resume(runId, { ...options, actor: 'queue:resume' });
      } catch (error) {
        if (!(error instanceof ResumeError)) throw error;
        // Taken by another process first: look again. Still resumable: it can never resume here.
        const status = (await store.getRun(runId))?.status;
        if (status !== 'waiting' && status !== 'interrupted') continue;
        throw new UnrecoverableError(`run ${runId} cannot resume: ${error.message} (${error.hint})`);
      }
      if (outcome.status !== 'waiting') return outcome;
    }
  }

  /** Applies what is due; the parked outcome while steps still wait (their wake-up queued), else undefined. */
  private async settleWaiting(run: RunRecord, jobId: string | undefined): Promise<RunOutcome | undefined> {
    const runId = run.id;
    const { waiting, next } = await settleDue(this.options.runtime.store, run, Date.now(), (step, approved) =>
      auditDecision(
        this.options.audit,
        { workflow: run.workflow, runId, step, approved },
        'timeout',
        { via: 'timeout' },
        (error) => this.log({ event: 'audit.failed', runId, error: (error as Error).message }),
      ),
    );
    if (waiting === 0) return undefined;
    if (next === undefined) return { runId, status: 'waiting' };
    await this.wakeAt(runId, next, jobId);
    return { runId, status: 'waiting', resumeAt: new Date(next).toISOString() };
  }

  /** Queues the wake-up of a parked run at a due time (ms), once per run and time. */
  private async wakeAt(runId: string, at: number, current: string | undefined): Promise<void> {
    let jobId = wakeJobId(runId, at);
    // This very job, fired before the time by this machine's clock: a new id, or the add is a no-op.
    if (jobId === current) jobId = `${current}.again`;
    await this.outboxQueue().add(
      'wake',
      { runId },
      { ...WAKE_JOB_OPTIONS, jobId, delay: Math.max(at - Date.now(), 0) },
    );
  }

  /** Approval links signed with the deployment's secret, pointing at the public URL of the servers. */
  private async pauseSupport(): Promise<PauseSupport> {
    const base = (await this.publicUrl()).replace(/\/+$/, '');
    return {
      now: () => Date.now(),
      links: (runId, step, expiresAt) => {
        const link = (decision: Decision) =>
          `${base}/approvals/${this.tokens.sign({ runId, step, decision, expiresAt })}`;
        return { approve: link('approve'), reject: link('reject') };
      },
    };
  }

  private async publicUrl(): Promise<string> {
    if (this.options.publicUrl !== undefined) return this.options.publicUrl;
    if (this.linkBase && Date.now() - this.linkBase.readAt < PUBLIC_URL_TTL_MS) return this.linkBase.url;
    const client = await this.worker.getBackend().client;
    const url = (await client.get(publicUrlKey(this.options.prefix ?? 'mova'))) ?? '';
    this.linkBase = { url, readAt: Date.now() };
    return url;
  }

  /**
   * A redelivered run still recorded `running`: its owner looks alive (on another machine, until its
   * heartbeat goes stale). The job fails this attempt; BullMQ tries it again after a back-off
   * (RUN_JOB_OPTIONS), by when the store has marked the run interrupted and it resumes.
   */
  private ownedElsewhere(recorded: RunRecord): never {
    throw new QueueError(
      'E_QUEUE_RESUME',
      `run ${recorded.id} is still recorded running by ${recorded.owner.host}:${recorded.owner.pid}`,
      'Nothing to do while that process lives: the job is tried again, and resumes once the store marks the run interrupted.',
    );
  }

  /**
   * One poll of a workflow's connector trigger. The dedupe state lives in Redis beside the queue and
   * is written before the new items' runs are queued (at most once per item, as `serve` polls).
   */
  private async poll(workflow: string): Promise<{ runs: number }> {
    const served = this.options.workflows.get(workflow);
    const trigger = served?.plan.workflow.trigger;
    if (!served || !trigger || !('uses' in trigger)) {
      throw new QueueError(
        'E_QUEUE_WORKFLOW',
        `this worker serves no polling workflow "${workflow}"`,
        'Start workers on the same project folder as the servers.',
      );
    }
    const { uses, connection, with: input } = trigger as ConnectorTrigger;
    const client = await this.worker.getBackend().client;
    const key = `${this.options.prefix ?? 'mova'}:${RUNS_QUEUE}:poll-state:${workflow}`;
    const saved = await client.get(key);
    const state = saved === null ? undefined : (JSON.parse(saved) as PollState);
    const result = await this.options.runtime.poll(uses, {
      ...(connection === undefined ? {} : { connection }),
      input: input ?? {},
      ...(state === undefined ? {} : { state }),
    });
    await client.set(key, JSON.stringify(result.state));
    const outbox = this.outboxQueue();
    for (const item of result.items) {
      const runId = randomUUID();
      await outbox.add(
        'run',
        { runId, workflow, inputs: item, actor: `poll:${workflow}` },
        { ...RUN_JOB_OPTIONS, jobId: runId },
      );
    }
    return { runs: result.items.length };
  }

  private outboxQueue(): Queue<RunJob | WakeJob, RunJobResult> {
    this.outbox ??= new Queue<RunJob | WakeJob, RunJobResult>(RUNS_QUEUE, {
      connection: redisOptions(this.options.url),
      prefix: this.options.prefix ?? 'mova',
    });
    return this.outbox;
  }

  private log(entry: Record<string, unknown>) {
    try {
      this.options.log?.({ at: new Date().toISOString(), worker: this.name, ...entry });
    } catch {
      // A logger's failure must not stop the worker.
    }
  }
}

function resultOf(run: RunRecord): RunResult {
  return {
    runId: run.id,
    status: run.status as RunResult['status'],
    ...(run.output === undefined ? {} : { output: run.output }),
    ...(run.error === undefined ? {} : { error: run.error }),
  };
}
