import { randomUUID } from 'node:crypto';
import { type JobsOptions, Queue, QueueEvents } from 'bullmq';
import { parseDuration } from '../duration.js';
import type { ApprovalTokens } from '../engine/approval-tokens.js';
import type { RunDispatcher, ServedWorkflow, StartedRun } from '../engine/engine.js';
import type { RunOutcome } from '../runtime.js';
import { approvalSecretKey, publicUrlKey, sharedApprovalTokens } from './approval-secret.js';
import { checkRedis, type QueueSettings, redisOptions } from './connection.js';
import { type PollJob, RUNS_QUEUE, type RunJob, type RunJobResult, type WakeJob } from './jobs.js';

export interface RunQueueOptions extends QueueSettings {}

const DEFAULT_POLL_MS = 60_000;
const SCHEDULE_KEY = 'schedule:';
const POLL_KEY = 'poll:';

/**
 * Finished jobs are kept a while, so a webhook that waits for a run's output finds it even when the
 * run ended before the wait began; the run store keeps the record for good. A failed attempt (the
 * store down, a redelivered run whose old owner still looks alive) is tried again after a back-off:
 * each attempt reads the run's record first, so none runs a recorded step twice.
 */
export const RUN_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'fixed', delay: 5_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 86_400, count: 10_000 },
};

/**
 * A wake-up of a parked run is tried again like a run (the store down): it only reads the record,
 * applies what is due through the store's atomic decisions and resumes through its atomic take.
 */
export const WAKE_JOB_OPTIONS: JobsOptions = RUN_JOB_OPTIONS;

/** A failed poll is not tried again: the next interval polls anyway. */
const POLL_JOB_OPTIONS: JobsOptions = { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };

/**
 * The server side of queue mode: puts runs on the BullMQ queue for `mova-connector worker`
 * processes, waits on a run's end when asked (QueueEvents), and keeps one BullMQ job scheduler per
 * schedule and per polling trigger, so any number of servers fire each of them once.
 * @example
 * const queue = await RunQueue.open({ url: 'redis://127.0.0.1:6379' });
 * const engine = await Engine.open(dir, { runtime, dataDir, dispatch: queue });
 * await queue.syncTriggers(engine.workflows.values());
 */
export class RunQueue implements RunDispatcher {
  private events: QueueEvents | undefined;

  private constructor(
    readonly queue: Queue<RunJob | PollJob | WakeJob, RunJobResult>,
    private readonly settings: RunQueueOptions,
  ) {}

  /** Checks that Redis answers (a QueueError says what to do when not), then opens the queue. */
  static async open(settings: RunQueueOptions): Promise<RunQueue> {
    await checkRedis(settings.url);
    const queue = new Queue<RunJob | PollJob | WakeJob, RunJobResult>(RUNS_QUEUE, {
      connection: redisOptions(settings.url),
      prefix: settings.prefix ?? 'mova',
    });
    await queue.waitUntilReady();
    return new RunQueue(queue, settings);
  }

  /**
   * Has a worker look at a parked run now (after a decision, at a server's start). A fresh job
   * each time: the delayed wake-up of its due time stays queued beside it.
   */
  async wake(runId: string): Promise<void> {
    await this.queue.add('wake', { runId }, WAKE_JOB_OPTIONS);
  }

  /** The deployment's approval tokens (a secret shared through Redis with the workers). */
  async approvalTokens(): Promise<ApprovalTokens> {
    return sharedApprovalTokens(await this.queue.getBackend().client, this.settings.prefix ?? 'mova');
  }

  /** Tells the workers where approval links point; the last server to start wins (any server can decide). */
  async announce(publicUrl: string): Promise<void> {
    const client = await this.queue.getBackend().client;
    await client.set(publicUrlKey(this.settings.prefix ?? 'mova'), publicUrl);
  }

  /** Queues a run; resolves with its id once Redis holds it. `done` waits on the job's end. */
  async start(workflow: ServedWorkflow, inputs: unknown, actor: string | undefined): Promise<StartedRun> {
    const runId = randomUUID();
    const job: RunJob = { runId, workflow: workflow.name, inputs, ...(actor === undefined ? {} : { actor }) };
    await this.queue.add('run', job, { ...RUN_JOB_OPTIONS, jobId: runId });
    let done: Promise<RunOutcome> | undefined;
    const finished = () => this.finished(runId);
    // Most callers never wait on a queued run: subscribe only for those that do.
    return {
      runId,
      get done() {
        done ??= finished();
        return done;
      },
    };
  }

  /**
   * The outcome of a queued run: the worker's outcome (`waiting` when the run parked), or a failed result when the job itself
   * failed (a worker could not run it). Never rejects.
   */
  async finished(runId: string): Promise<RunOutcome> {
    this.events ??= new QueueEvents(RUNS_QUEUE, {
      connection: redisOptions(this.settings.url),
      prefix: this.settings.prefix ?? 'mova',
      // Read from a few seconds back, not from '$': '$' means "after the first read", which starts
      // a moment after waitUntilReady, so a quick run's `completed` could fall in between and the
      // webhook wait for it until its timeout. Events of other jobs are ignored by job id.
      lastEventId: `${Date.now() - 5_000}-0`,
    });
    const events = this.events;
    await events.waitUntilReady();
    const job = await this.queue.getJob(runId);
    if (!job) {
      return { runId, status: 'failed', error: { kind: 'unknown', message: 'the queue no longer holds this run' } };
    }
    try {
      return await job.waitUntilFinished(events);
    } catch (error) {
      return {
        runId,
        status: 'failed',
        error: { kind: 'unknown', message: `the queue could not run it: ${(error as Error).message}` },
      };
    }
  }

  /**
   * One job scheduler per schedule (its cron and time zone) and per polling trigger (its interval),
   * keyed by workflow name: upserting is idempotent, so N servers keep one of each. Schedulers of
   * workflows this server does not serve any more are removed: servers of one prefix serve one project.
   */
  async syncTriggers(workflows: Iterable<ServedWorkflow>): Promise<{ schedules: string[]; polls: string[] }> {
    const wanted = new Set<string>();
    const schedules: string[] = [];
    const polls: string[] = [];
    for (const workflow of workflows) {
      const trigger = workflow.plan.workflow.trigger;
      if (!trigger) continue;
      if ('schedule' in trigger) {
        const key = `${SCHEDULE_KEY}${workflow.name}`;
        wanted.add(key);
        schedules.push(workflow.name);
        await this.queue.upsertJobScheduler(
          key,
          { pattern: trigger.schedule.cron, tz: trigger.schedule.timezone ?? 'UTC' },
          {
            name: 'run',
            data: { workflow: workflow.name, inputs: {}, actor: `schedule:${workflow.name}` },
            opts: RUN_JOB_OPTIONS,
          },
        );
      } else if ('uses' in trigger) {
        const key = `${POLL_KEY}${workflow.name}`;
        wanted.add(key);
        polls.push(workflow.name);
        await this.queue.upsertJobScheduler(
          key,
          { every: parseDuration(trigger.every ?? '') ?? DEFAULT_POLL_MS },
          { name: 'poll', data: { workflow: workflow.name }, opts: POLL_JOB_OPTIONS },
        );
      }
    }
    for (const scheduler of await this.queue.getJobSchedulers()) {
      const key = scheduler.key;
      if ((key.startsWith(SCHEDULE_KEY) || key.startsWith(POLL_KEY)) && !wanted.has(key)) {
        await this.queue.removeJobScheduler(key);
      }
    }
    return { schedules, polls };
  }

  /** Runs waiting for a worker (waiting, delayed or prioritized jobs). */
  waiting(): Promise<number> {
    return this.queue.getJobCountByTypes('waiting', 'delayed', 'prioritized');
  }

  /**
   * Removes every job, scheduler and key of this queue (its prefix's `runs` queue), the approval
   * secret and the announced public URL: tests, decommissioning.
   */
  async obliterate(): Promise<void> {
    for (const scheduler of await this.queue.getJobSchedulers()) await this.queue.removeJobScheduler(scheduler.key);
    await this.queue.obliterate({ force: true });
    const prefix = this.settings.prefix ?? 'mova';
    await (await this.queue.getBackend().client).del(approvalSecretKey(prefix), publicUrlKey(prefix));
  }

  async close(): Promise<void> {
    await Promise.all([this.queue.close(), this.events?.close()]);
  }
}
