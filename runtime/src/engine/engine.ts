import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { MovaError, type MovaErrorCode, type PollState } from '@mova/sdk/host';
import type { AuditLog } from '../audit/audit-log.js';
import type { BreakerSnapshot } from '../breaker/circuit-breaker.js';
import { BUILTIN_NAMES } from '../builtins/builtins.js';
import type { ConnectionProvider } from '../connections/connections.js';
import { parseDuration } from '../duration.js';
import { type WorkflowIssue, WorkflowValidationError } from '../errors.js';
import type { PauseSupport, WaitingApproval } from '../executor/pause.js';
import { DURABLE_MAX_WAIT_MS } from '../limits.js';
import type { Metrics } from '../metrics/metrics.js';
import type { RunOutcome, Runtime } from '../runtime.js';
import type { RunStore } from '../store/types.js';
import { inputsCheck } from '../workflow/inputs-check.js';
import type { ConnectorTrigger, Trigger, WebhookTrigger } from '../workflow/types.js';
import { parseUses } from '../workflow/uses.js';
import type { ValidatedWorkflow } from '../workflow/validate.js';
import { ApprovalTokens, type Decision } from './approval-tokens.js';
import { auditDecision, settleDue } from './approval-wake.js';
import { type Clock, MAX_TIMER_MS, systemClock } from './clock.js';
import { ConcurrencyLimits, LimitRefusal, type QueuedRun } from './concurrency.js';
import { Poller } from './poller.js';
import { Schedule, type ScheduleState } from './scheduler.js';
import { type SignatureCheck, verifySignature } from './signature.js';
import { StateFile } from './state.js';
import { deliveryOf, isWebhookTrigger, WebhookTriggers } from './webhook-triggers.js';

/** A problem with one workflow file of the project, located in that file. */
export interface ProjectIssue extends WorkflowIssue {
  file: string;
}

/** The project's workflows cannot be served: every problem, by file and JSON pointer. */
export class ProjectError extends WorkflowValidationError {
  declare readonly issues: ProjectIssue[];
}

export type EngineRefusalReason = 'not_found' | 'stopping' | 'limit';

const REFUSALS: Record<EngineRefusalReason, { code: MovaErrorCode; hint: string }> = {
  not_found: {
    code: 'E_WORKFLOW_NOT_FOUND',
    hint: 'Name a workflow the server serves: GET /api/v1/workflows lists them.',
  },
  stopping: { code: 'E_ENGINE_STOPPING', hint: 'Start the run again once the server is back up.' },
  limit: {
    code: 'E_CONCURRENCY_LIMIT',
    hint: 'To have such runs wait for a slot instead, set the workflow\'s concurrency.onLimit to "queue".',
  },
};

/** Why the engine did not start a run: `not_found` (no such workflow), `stopping`, `limit` (its concurrency limit, onLimit "skip"), or the inputs were invalid (a WorkflowValidationError). */
export class EngineRefusal extends MovaError {
  declare readonly hint: string;

  constructor(
    readonly reason: EngineRefusalReason,
    message: string,
  ) {
    super(REFUSALS[reason].code, message, REFUSALS[reason].hint);
  }
}

export type TriggerKind = 'manual' | 'webhook' | 'schedule' | 'connector';

export interface ServedWorkflow {
  name: string;
  /** The file, relative to the project folder. */
  file: string;
  trigger: TriggerKind;
  plan: ValidatedWorkflow;
}

export interface StartedRun {
  runId: string;
  /**
   * The run's outcome; never rejects (a run store failure becomes a failed result). `waiting`: it
   * paused (an approval, a long wait); the engine resumes it on the decision or when it is due.
   */
  done: Promise<RunOutcome>;
  /** At its workflow's concurrency limit: waiting for a slot, recorded once it starts (`Engine.queuedRun` meanwhile). */
  queued?: boolean;
}

/** The answer to a decision on an approval step. */
export interface DecisionResult {
  status: number;
  body: Record<string, unknown>;
}

/** Hands runs to other processes (queue mode): `start` resolves once the run is accepted. */
export interface RunDispatcher {
  start(workflow: ServedWorkflow, inputs: unknown, actor: string | undefined): Promise<StartedRun>;
  /**
   * Has a waiting run looked at again by whoever runs runs: due steps get their default outcome,
   * and the run is resumed once nothing in it waits (after a decision, at start-up).
   */
  wake(runId: string): Promise<void>;
  /** The approval tokens every server and worker of the deployment signs and checks with. */
  approvalTokens(): Promise<ApprovalTokens>;
  /** Tells the processes that pause runs where approval links point (serve's public URL). */
  announce(publicUrl: string): Promise<void>;
}

export interface EngineOptions {
  /** Runs the workflows: its sources (or lockfile), connections, run store and host. */
  runtime: Runtime;
  /**
   * Queue mode: runs go to this dispatcher instead of running here, and the queue's job schedulers
   * fire schedules and polls (so N servers neither double-fire nor poll twice): `start` leaves them.
   */
  dispatch?: RunDispatcher;
  /** Connections, for webhook signature secrets (the same the runtime uses). */
  connections?: ConnectionProvider;
  /** Where schedule and poller state is kept (`<dataDir>/engine/`). */
  dataDir: string;
  clock?: Clock;
  /** Structured log lines (one JSON object each). */
  log?: (entry: Record<string, unknown>) => void;
  /** Where approval decisions are recorded, with who decided. */
  audit?: AuditLog;
  /** The base URL approval links point at (serve's public URL); settable later with `publicUrl`. */
  publicUrl?: string;
  /** Where concurrency queue depths and skipped runs are counted. */
  metrics?: Metrics;
}

export interface WebhookRequest {
  method: string;
  /** The path under `/hooks/`, no leading slash. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface WebhookResponse {
  status: number;
  body: Record<string, unknown>;
}

const DEFAULT_POLL_MS = 60_000;
const DEFAULT_WEBHOOK_WAIT_MS = 30_000;

/**
 * Serves a project's workflows: starts runs through the Runtime on request (the API), for webhooks,
 * at a schedule's fire times and for each new item of a connector's polling trigger.
 * @example
 * const engine = await Engine.open(dir, { runtime, dataDir });
 * await engine.start();
 * const { runId, done } = await engine.startRun('nightly-report', {});
 */
export class Engine {
  /** The longest `wait` a runtime serving workflows should allow (`limits.maxWaitMs`): long waits pause durably. */
  static readonly maxWaitMs = DURABLE_MAX_WAIT_MS;
  readonly workflows: ReadonlyMap<string, ServedWorkflow>;
  private readonly hooks = new Map<string, { workflow: ServedWorkflow; secret?: string }>();
  private readonly schedules = new Map<string, Schedule>();
  private readonly pollers = new Map<string, Poller>();
  /** Webhook-kind connector triggers (subscribed by `subscribeTriggers` once the public URL is known). */
  private webhookTriggers: WebhookTriggers | undefined;
  private readonly active = new Map<
    string,
    { controller: AbortController; done: Promise<RunOutcome>; finished: () => boolean }
  >();
  /** Timers of waiting runs, by run id: when their approval times out or their wait ends. */
  private readonly wakeups = new Map<string, unknown>();
  private readonly clock: Clock;
  private readonly pause: PauseSupport;
  private stopping = false;
  private readonly limits: ConcurrencyLimits;
  /** The base of approval links, e.g. `https://mova.example.com` (no trailing slash). */
  publicUrl: string;

  private constructor(
    private readonly options: EngineOptions,
    workflows: ServedWorkflow[],
    secrets: Map<string, string>,
    private readonly tokens: ApprovalTokens,
  ) {
    this.clock = options.clock ?? systemClock;
    this.publicUrl = options.publicUrl ?? '';
    this.pause = {
      now: () => this.clock.now(),
      links: (runId, step, expiresAt) => {
        const link = (decision: Decision) =>
          `${this.publicUrl.replace(/\/+$/, '')}/approvals/${this.tokens.sign({ runId, step, decision, expiresAt })}`;
        return { approve: link('approve'), reject: link('reject') };
      },
    };
    this.workflows = new Map(workflows.map((w) => [w.name, w]));
    this.limits = new ConcurrencyLimits(
      workflows.map((w) => ({
        name: w.name,
        ...(w.plan.workflow.concurrency ? { concurrency: w.plan.workflow.concurrency } : {}),
      })),
      {
        cancel: (runId, reason) => this.active.get(runId)?.controller.abort(reason),
        depth: (workflow, depth) => options.metrics?.queueDepth(workflow, depth),
        skipped: (workflow) => options.metrics?.runSkipped(workflow),
      },
    );
    for (const workflow of workflows) {
      const trigger = workflow.plan.workflow.trigger;
      if (trigger && 'webhook' in trigger) {
        const secret = secrets.get(workflow.name);
        this.hooks.set(trigger.webhook.path, { workflow, ...(secret === undefined ? {} : { secret }) });
      }
    }
  }

  /**
   * Reads and validates every workflow of a project folder: the `.json` files in it and in its
   * `workflows/` folder that hold a `"mova"` field. Rejects with a ProjectError listing every problem.
   */
  static async open(dir: string, options: EngineOptions): Promise<Engine> {
    const files = [...(await jsonFiles(dir)), ...(await jsonFiles(join(dir, 'workflows')))];
    const issues: ProjectIssue[] = [];
    const workflows: ServedWorkflow[] = [];
    const secrets = new Map<string, string>();
    const hookFiles = new Map<string, string>();
    const nameFiles = new Map<string, string>();
    for (const path of files) {
      const file = relative(dir, path) || path;
      const text = await readFile(path, 'utf8');
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch {
        document = undefined;
      }
      // Lockfiles, connections files and package.json live here too; a workflow says "mova".
      if (!document || typeof document !== 'object' || !('mova' in document)) continue;
      const checked = await options.runtime.validate(text);
      if (!checked.ok) {
        issues.push(...checked.issues.map((i) => ({ file, ...i })));
        continue;
      }
      const plan = checked.workflow;
      const { name, trigger } = plan.workflow;
      const other = nameFiles.get(name);
      if (other !== undefined) {
        issues.push({
          file,
          pointer: '/name',
          message: `repeats the workflow name "${name}" of ${other}`,
          hint: 'Each workflow of a project needs its own name.',
        });
        continue;
      }
      nameFiles.set(name, file);
      const problems = await triggerIssues(
        trigger,
        plan,
        options.connections,
        hookFiles,
        file,
        secrets,
        name,
        options.runtime,
      );
      if (problems.length > 0) {
        issues.push(...problems);
        continue;
      }
      workflows.push({ name, file, trigger: kindOf(trigger), plan });
    }
    if (issues.length > 0) throw new ProjectError('the project has invalid workflows', issues);
    // Queue mode: workers on other machines sign the links, so the secret is the deployment's.
    const tokens = await (options.dispatch?.approvalTokens() ?? ApprovalTokens.open(options.dataDir));
    return new Engine(options, workflows, secrets, tokens);
  }

  /** The run store the runs are recorded in. */
  get store(): RunStore {
    return this.options.runtime.store;
  }

  /** The webhook paths served, with their workflows. */
  get webhookPaths(): string[] {
    return [...this.hooks.keys(), ...(this.webhookTriggers?.paths ?? [])];
  }

  /** The runtime's circuit breakers used so far (state, failures, when they opened and will probe). */
  breakers(): BreakerSnapshot[] {
    return this.options.runtime.breakers();
  }

  /** Runs started by this engine that have not ended. */
  get running(): number {
    return this.active.size;
  }

  /**
   * Starts the schedules and the pollers. Call `resumeUnfinished` once `publicUrl` is known (after
   * the server listens), so resumed runs that pause hand out links to it.
   */
  async start(): Promise<void> {
    const { dataDir, runtime } = this.options;
    if (this.options.dispatch) return this.refuseQueuedWebhookTriggers();
    const hooked: { name: string; trigger: ConnectorTrigger }[] = [];
    for (const workflow of this.workflows.values()) {
      const trigger = workflow.plan.workflow.trigger;
      if (!trigger) continue;
      if ('uses' in trigger && (await isWebhookTrigger(runtime, trigger.uses))) {
        hooked.push({ name: workflow.name, trigger });
        continue;
      }
      if ('schedule' in trigger) {
        const schedule = new Schedule({
          ...trigger.schedule,
          clock: this.clock,
          state: new StateFile<ScheduleState>(dataDir, 'schedules', workflow.name),
          fire: (at) =>
            this.fromTrigger(workflow.name, {}, `schedule:${workflow.name}`, {
              trigger: 'schedule',
              at: at.toISOString(),
            }),
        });
        this.schedules.set(workflow.name, schedule);
        await schedule.start();
      } else if ('uses' in trigger) {
        const poller = new Poller({
          uses: trigger.uses,
          ...(trigger.connection === undefined ? {} : { connection: trigger.connection }),
          input: trigger.with ?? {},
          everyMs: parseDuration(trigger.every ?? '') ?? DEFAULT_POLL_MS,
          clock: this.clock,
          state: new StateFile<PollState>(dataDir, 'pollers', `${workflow.name} ${trigger.uses}`),
          poll: (uses, pollOptions) => runtime.poll(uses, pollOptions),
          emit: async (item) => {
            await this.startRun(workflow.name, item, { actor: `poll:${workflow.name}` }).then(
              ({ runId }) => this.log({ event: 'trigger.run', trigger: 'poll', workflow: workflow.name, runId }),
              (error: unknown) => this.logRefusal(workflow.name, 'poll', error),
            );
          },
          onError: (error) =>
            this.log({ event: 'trigger.error', trigger: 'poll', workflow: workflow.name, error: messageOf(error) }),
        });
        this.pollers.set(workflow.name, poller);
        await poller.start();
      }
    }
    this.webhookTriggers = this.triggerHooks(hooked);
  }

  /**
   * In queue mode the queue's job schedulers drive schedules and polls; a webhook-kind connector
   * trigger would be taken for a polling one there, and N servers would each subscribe it.
   */
  private async refuseQueuedWebhookTriggers(): Promise<void> {
    const issues: ProjectIssue[] = [];
    for (const workflow of this.workflows.values()) {
      const trigger = workflow.plan.workflow.trigger;
      if (trigger && 'uses' in trigger && (await isWebhookTrigger(this.options.runtime, trigger.uses))) {
        issues.push({
          file: workflow.file,
          pointer: '/trigger/uses',
          message: `${trigger.uses} is a webhook trigger, which queue mode does not serve yet`,
          hint: 'Serve this workflow from a `mova-connector serve` without --queue, or trigger it with a webhook or schedule.',
        });
      }
    }
    if (issues.length > 0) throw new ProjectError('the project has workflows queue mode cannot serve', issues);
  }

  /** Subscribes the webhook-kind connector triggers at `publicUrl` and unsubscribes those of removed workflows (after `start`). */
  async subscribeTriggers(): Promise<void> {
    await this.webhookTriggers?.start(this.publicUrl);
  }

  /** Removes every webhook subscription the engine made (`serve --unsubscribe`). */
  unsubscribeTriggers(): ReturnType<WebhookTriggers['unsubscribeAll']> {
    return this.triggerHooks([]).unsubscribeAll();
  }

  private triggerHooks(workflows: { name: string; trigger: ConnectorTrigger }[]): WebhookTriggers {
    const { runtime, connections, dataDir } = this.options;
    return new WebhookTriggers({
      workflows,
      context: {
        resolver: runtime.resolver,
        host: runtime.host,
        connections: connections ?? { get: async () => undefined },
        defaultTimeoutMs: DEFAULT_WEBHOOK_WAIT_MS,
        tokens: runtime.triggerTokens,
      },
      dataDir,
      clock: this.clock,
      log: (entry) => this.log(entry),
      start: async (name, item, actor) => (await this.startRun(name, item, { actor })).runId,
    });
  }

  /** The schedule of a workflow, for tests and status. */
  schedule(name: string): Schedule | undefined {
    return this.schedules.get(name);
  }

  /** The poller of a workflow, for tests and status. */
  poller(name: string): Poller | undefined {
    return this.pollers.get(name);
  }

  /**
   * Starts a run of a workflow and resolves once it is recorded durably, with its id and its outcome.
   * Rejects with EngineRefusal (no such workflow, shutting down) or WorkflowValidationError (the
   * inputs do not fit); nothing is recorded then. `actor` names who started it in the audit log
   * (`api`, `webhook:/hooks/<path>`, `schedule:<workflow>`, `poll:<workflow>`). `durable: false`
   * resolves once it is recorded, not yet durably: for a caller that tells nobody its id before
   * the run ends or pauses (both durable), or flushes it first (see RunStore).
   */
  async startRun(
    name: string,
    inputs: unknown = {},
    options: { actor?: string; durable?: boolean } = {},
  ): Promise<StartedRun> {
    const started = await this.begin(name, inputs, options);
    if (options.durable !== false && !started.queued) await this.store.flush?.(started.runId);
    return started;
  }

  private async begin(name: string, inputs: unknown, options: { actor?: string }): Promise<StartedRun> {
    const workflow = this.workflows.get(name);
    if (!workflow) throw new EngineRefusal('not_found', `there is no workflow "${name}"`);
    if (this.stopping) throw new EngineRefusal('stopping', 'the server is shutting down');
    if (this.options.dispatch) {
      // Refused here, at once, as runValidated would: a queued run with bad inputs would only fail later.
      const issues = inputsCheck(workflow.plan.workflow)(inputs);
      if (issues.length > 0) {
        throw new WorkflowValidationError(
          "the inputs do not match the workflow's inputs schema",
          issues.map((i) => ({ ...i, hint: i.hint ?? 'Fix this input.' })),
        );
      }
      return this.options.dispatch.start(workflow, inputs, options.actor);
    }
    if (!this.limits.has(name)) return this.launch(workflow, inputs, options);
    // A queued run starts later: its inputs are checked now, as runValidated would at once.
    const issues = inputsCheck(workflow.plan.workflow)(inputs);
    if (issues.length > 0) {
      throw new WorkflowValidationError(
        "the inputs do not match the workflow's inputs schema",
        issues.map((i) => ({ ...i, hint: i.hint ?? 'Fix this input.' })),
      );
    }
    return this.limits
      .start(
        name,
        inputs,
        (runId) => this.launch(workflow, inputs, options, runId),
        (runId, refusal): RunOutcome => ({
          runId,
          status: 'cancelled',
          error: { kind: 'cancelled', message: refusal.message },
        }),
      )
      .catch((error: unknown) => {
        throw error instanceof LimitRefusal ? new EngineRefusal('limit', error.message) : error;
      });
  }

  /** A run waiting at its workflow's concurrency limit (not in the run store until it starts). */
  queuedRun(runId: string): QueuedRun | undefined {
    return this.limits.queuedRun(runId);
  }

  private async launch(
    workflow: ServedWorkflow,
    inputs: unknown,
    options: { actor?: string },
    reservedId?: string,
  ): Promise<StartedRun> {
    const controller = new AbortController();
    // Recorded as ended, though `done` may still wait for the audit log: no longer cancellable.
    let finished = false;
    let started!: (runId: string) => void;
    const runId = new Promise<string>((resolve) => {
      started = resolve;
    });
    const run = this.options.runtime.runValidated(workflow.plan, inputs, {
      ...(reservedId === undefined ? {} : { runId: reservedId }),
      signal: controller.signal,
      pause: this.pause,
      workflowFile: workflow.file,
      ...(options.actor === undefined ? {} : { actor: options.actor }),
      onEvent: (event) => {
        if (event.type === 'run.started') started(event.runId);
        if (event.type === 'run.finished') finished = true;
      },
    });
    const id = await Promise.race([runId, run.then((result) => result.runId)]);
    return this.track(id, controller, run, () => finished);
  }

  /** Keeps a run cancellable and drained until it ends; watches it when it pauses. */
  private track(
    runId: string,
    controller: AbortController,
    run: Promise<RunOutcome>,
    finished: () => boolean,
  ): StartedRun {
    const done = run.catch(
      (error: unknown): RunOutcome => ({
        runId,
        status: 'failed',
        error: { kind: 'unknown', message: `the run store failed: ${messageOf(error)}` },
      }),
    );
    this.active.set(runId, { controller, done, finished });
    void done.then((outcome) => {
      this.active.delete(runId);
      if (outcome.status === 'waiting') return this.watch(runId);
    });
    return { runId, done };
  }

  /**
   * Resumes a run of a served workflow (see `Runtime.resume`) and tracks it like the runs this
   * engine starts (cancel, drain). Rejects with ResumeError when it cannot be resumed.
   */
  async resume(runId: string, options: { actor?: string } = {}): Promise<StartedRun> {
    if (this.stopping) throw new EngineRefusal('stopping', 'the server is shutting down');
    const controller = new AbortController();
    let finished = false;
    let resumed!: () => void;
    const taken = new Promise<void>((resolve) => {
      resumed = resolve;
    });
    const run = this.options.runtime.resume(runId, {
      signal: controller.signal,
      pause: this.pause,
      actor: options.actor ?? 'serve:resume',
      onEvent: (event) => {
        if (event.type === 'run.resumed') resumed();
        if (event.type === 'run.finished') finished = true;
      },
    });
    // Rejects here when the run could not be taken (ResumeError); afterwards `done` settles it.
    await Promise.race([taken, run]);
    return this.track(runId, controller, run, () => finished);
  }

  /**
   * Resumes every interrupted run of a served workflow (a crash of `serve` loses no run), and
   * watches the waiting ones: an approval that timed out or a wait that ended while the server was
   * down is applied now.
   */
  async resumeUnfinished(): Promise<void> {
    const { dispatch } = this.options;
    if (dispatch) {
      // The workers run (and resume) the runs: they learn where links point, and look at every
      // waiting run again, which re-arms its wake-up even after the queue lost it.
      await dispatch.announce(this.publicUrl);
      for (const id of await this.unfinished('waiting')) await dispatch.wake(id);
      return;
    }
    for (const id of await this.unfinished('waiting')) await this.watch(id);
    // Oldest first, so runs resume in the order they started.
    for (const id of (await this.unfinished('interrupted')).reverse()) await this.resumeLogged(id, 'serve:resume');
  }

  /** The ids of the served workflows' runs with this status, newest first (resume refuses those recorded without resume info). */
  private async unfinished(status: 'waiting' | 'interrupted'): Promise<string[]> {
    const ids: string[] = [];
    for (let after: string | undefined, more = true; more; ) {
      const page = await this.store.listRuns({ status, limit: 100, ...(after ? { after } : {}) });
      ids.push(...page.filter((r) => this.workflows.has(r.workflow)).map((r) => r.id));
      more = page.length === 100;
      after = page.at(-1)?.id;
    }
    return ids;
  }

  private async resumeLogged(runId: string, actor: string): Promise<void> {
    await this.resume(runId, { actor }).then(
      () => this.log({ event: 'run.resumed', runId, actor }),
      (error: unknown) => this.log({ event: 'run.resume_refused', runId, error: messageOf(error) }),
    );
  }

  /**
   * Looks at a waiting run: steps whose time has come get their default outcome (an approval's
   * `onTimeout`, a wait's end); when no step waits any more it is resumed, else a timer is set
   * for the next due time.
   */
  private async watch(runId: string): Promise<void> {
    if (this.stopping) return;
    this.clock.clearTimeout(this.wakeups.get(runId));
    this.wakeups.delete(runId);
    const run = await this.store.getRun(runId).catch(() => undefined);
    if (run?.status !== 'waiting') return;
    const { waiting, next } = await settleDue(this.store, run, this.clock.now(), (step, approved) =>
      this.audited(run.workflow, runId, step, approved, 'timeout', 'timeout'),
    );
    if (waiting === 0) return this.resumeLogged(runId, 'serve:resume');
    if (next === undefined) return;
    const delay = Math.min(Math.max(next - this.clock.now(), 0), MAX_TIMER_MS);
    this.wakeups.set(
      runId,
      this.clock.setTimeout(() => {
        this.wakeups.delete(runId);
        void this.watch(runId);
      }, delay),
    );
  }

  /**
   * Decides a waiting approval step: 404 no such run or step, 403 a decider the step's approvers
   * do not list, 409 decided already (the store lets one decision through). The run is then
   * resumed when nothing else in it waits.
   */
  async decide(
    runId: string,
    step: string,
    decision: Decision,
    by: { actor: string; via: 'link' | 'api'; comment?: string },
  ): Promise<DecisionResult> {
    const run = await this.store.getRun(runId);
    const record = run?.steps.find((s) => s.key === step);
    if (!run || !record || record.kind !== 'approval') {
      return { status: 404, body: { error: `run ${runId} has no approval step "${step}"` } };
    }
    if (record.status !== 'waiting') {
      return { status: 409, body: { error: `the approval "${step}" was decided already`, output: record.output } };
    }
    const approvers = (record.output as WaitingApproval | undefined)?.approvers;
    if (approvers && !approvers.includes(by.actor)) {
      return {
        status: 403,
        body: { error: `"${by.actor}" may not decide "${step}"; its approvers are ${approvers.join(', ')}` },
      };
    }
    const decidedAt = new Date(this.clock.now()).toISOString();
    const output = {
      approved: decision === 'approve',
      decidedBy: by.actor,
      decidedAt,
      ...(by.comment ? { comment: by.comment } : {}),
    };
    if (!(await this.store.decideStep(runId, step, { status: 'completed', endedAt: decidedAt, output }))) {
      return { status: 409, body: { error: `the approval "${step}" was decided already` } };
    }
    await this.audited(run.workflow, runId, step, output.approved, by.actor, by.via, by.comment);
    if (this.options.dispatch) {
      // Always, whatever status was read: a worker parking the run now finds the decision itself
      // or is beaten to it by this wake-up; the store lets one of them resume it.
      await this.options.dispatch.wake(runId).catch((error: unknown) =>
        // The decision stands: the run resumes at its timeout's wake-up or the next server start.
        this.log({ event: 'approval.wake_failed', runId, step, error: messageOf(error) }),
      );
    } else if (run.status === 'waiting') {
      // A run still being recorded `waiting` is watched when it has paused; one waiting now is watched here.
      await this.watch(runId);
    }
    return { status: 200, body: { runId, step, ...output } };
  }

  private audited(
    workflow: string,
    runId: string,
    step: string,
    approved: boolean,
    actor: string,
    via: string,
    comment?: string,
  ): Promise<void> {
    return auditDecision(
      this.options.audit,
      { workflow, runId, step, approved },
      actor,
      { via, ...(comment ? { comment } : {}) },
      (error) => this.log({ event: 'audit.failed', error: messageOf(error) }),
    );
  }

  /** The approval a token grants, checked (403 forged or malformed, 410 expired); see `decide`. */
  checkToken(token: string) {
    return this.tokens.check(token, this.clock.now());
  }

  /**
   * Cancels a waiting run of a served workflow (an approval, a long wait): recorded `cancelled`, its
   * timer dropped; its links then answer 409. False when it is not waiting.
   */
  async cancelWaiting(runId: string): Promise<boolean> {
    const run = await this.store.getRun(runId);
    if (run?.status !== 'waiting' || !this.workflows.has(run.workflow)) return false;
    this.clock.clearTimeout(this.wakeups.get(runId));
    this.wakeups.delete(runId);
    const endedAt = new Date(this.clock.now()).toISOString();
    for (const step of run.steps) {
      if (step.status === 'waiting') await this.store.decideStep(runId, step.key, { status: 'failed', endedAt });
    }
    await this.store.updateRun(runId, {
      status: 'cancelled',
      endedAt,
      resumeAt: null,
      error: {
        kind: 'cancelled',
        message: 'the run was cancelled while it waited',
        hint: 'It was stopped on request.',
      },
    });
    return true;
  }

  /** Cancels a run this engine started: its steps are aborted and it ends `cancelled`. False when it is not running here. */
  cancel(runId: string): boolean {
    if (this.limits.cancelQueued(runId)) return true;
    const run = this.active.get(runId);
    if (!run || run.finished()) return false;
    run.controller.abort();
    return true;
  }

  /** Answers a request to `/hooks/<path>`: 404 unknown path, 405 method, 401 bad signature, 400 body, 422 inputs, else 202/200. */
  async handleWebhook(request: WebhookRequest): Promise<WebhookResponse> {
    const delivered = await this.webhookTriggers?.deliver(
      request.path,
      deliveryOf(request.method, request.headers, request.body),
    );
    if (delivered) return delivered;
    const hook = this.hooks.get(request.path);
    if (!hook) return { status: 404, body: { error: `no webhook at /hooks/${request.path}` } };
    const trigger = (hook.workflow.plan.workflow.trigger as WebhookTrigger).webhook;
    const methods = trigger.methods ?? ['POST'];
    if (!methods.includes(request.method as 'POST')) {
      return { status: 405, body: { error: `this webhook accepts ${methods.join(', ')}` } };
    }
    if (trigger.signature) {
      const check: SignatureCheck =
        hook.secret === undefined
          ? { ok: false, reason: 'no signing secret is configured' }
          : verifySignature(
              trigger.signature.scheme,
              hook.secret,
              { headers: request.headers, body: request.body, now: this.clock.now() },
              trigger.signature.header,
            );
      if (!check.ok) {
        this.log({ event: 'webhook.refused', path: request.path, reason: check.reason });
        return { status: 401, body: { error: `invalid signature: ${check.reason}` } };
      }
    }
    const inputs = bodyInputs(request);
    if (!inputs.ok) return { status: 400, body: { error: inputs.error } };
    const accepted = (trigger.respond ?? 'accepted') === 'accepted';
    let started: StartedRun;
    try {
      // Answering with the run's output: the run's end, which is durable, comes before the answer.
      started = await this.startRun(hook.workflow.name, inputs.value, {
        actor: `webhook:/hooks/${request.path}`,
        durable: accepted,
      });
    } catch (error) {
      return refusalResponse(error);
    }
    this.log({ event: 'trigger.run', trigger: 'webhook', workflow: hook.workflow.name, runId: started.runId });
    if (accepted) {
      return { status: 202, body: { runId: started.runId, status: started.queued ? 'queued' : 'running' } };
    }
    const waitMs = parseDuration(trigger.timeout ?? '') ?? DEFAULT_WEBHOOK_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    const result = await Promise.race([started.done, timedOut]);
    clearTimeout(timer);
    if (!result) {
      await this.store.flush?.(started.runId);
      return {
        status: 202,
        body: { runId: started.runId, status: this.queuedRun(started.runId) ? 'queued' : 'running' },
      };
    }
    if (result.status === 'waiting') return { status: 202, body: { runId: result.runId, status: 'waiting' } };
    if (result.status === 'completed') {
      return { status: 200, body: { runId: result.runId, status: result.status, output: result.output ?? null } };
    }
    return { status: 500, body: { runId: result.runId, status: result.status, error: result.error } };
  }

  /**
   * Stops starting runs (schedules, pollers, webhooks and the API refuse), waits up to `drainMs`
   * for running runs to end, then cancels the rest and waits for them to record it.
   */
  async stop(drainMs = 30_000): Promise<{ drained: number; cancelled: number }> {
    this.stopping = true;
    this.limits.clear();
    for (const timer of this.wakeups.values()) this.clock.clearTimeout(timer);
    this.wakeups.clear();
    this.webhookTriggers?.stop();
    await Promise.all([...this.schedules.values()].map((s) => s.stop()));
    await Promise.all([...this.pollers.values()].map((p) => p.stop()));
    const waiting = [...this.active.values()].map((r) => r.done);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(waiting),
      new Promise((resolve) => {
        timer = setTimeout(resolve, drainMs);
      }),
    ]);
    clearTimeout(timer);
    const left = [...this.active.values()];
    for (const run of left) run.controller.abort();
    await Promise.all(left.map((r) => r.done));
    return { drained: waiting.length - left.length, cancelled: left.length };
  }

  private fromTrigger(name: string, inputs: unknown, actor: string, details: Record<string, unknown>) {
    this.startRun(name, inputs, { actor }).then(
      ({ runId }) => this.log({ event: 'trigger.run', workflow: name, runId, ...details }),
      (error: unknown) => this.logRefusal(name, String(details.trigger), error),
    );
  }

  private logRefusal(workflow: string, trigger: string, error: unknown) {
    this.log({ event: 'trigger.refused', trigger, workflow, error: messageOf(error) });
  }

  /** Writes a structured log line through the engine's logger (the API handler's own events). */
  note(entry: Record<string, unknown>): void {
    this.log(entry);
  }

  private log(entry: Record<string, unknown>) {
    try {
      this.options.log?.({ at: new Date(this.clock.now()).toISOString(), ...entry });
    } catch {
      // A logger's failure must not stop the engine.
    }
  }
}

function kindOf(trigger: Trigger | undefined): TriggerKind {
  if (!trigger || 'manual' in trigger) return 'manual';
  if ('webhook' in trigger) return 'webhook';
  if ('schedule' in trigger) return 'schedule';
  return 'connector';
}

/** What a trigger needs besides the schema: a unique webhook path, a signing secret, inputs a schedule can give. */
async function triggerIssues(
  trigger: Trigger | undefined,
  plan: ValidatedWorkflow,
  connections: ConnectionProvider | undefined,
  hookFiles: Map<string, string>,
  file: string,
  secrets: Map<string, string>,
  name: string,
  runtime: Runtime,
): Promise<ProjectIssue[]> {
  if (!trigger) return [];
  if ('schedule' in trigger && inputsCheck(plan.workflow)({}).length > 0) {
    return [
      {
        file,
        pointer: '/inputs',
        message: 'requires inputs, but a scheduled run has none',
        hint: 'Give every input a default or make it optional.',
      },
    ];
  }
  if ('uses' in trigger) return pollingTriggerIssues(trigger, runtime, file);
  if (!('webhook' in trigger)) return [];
  const { path, signature } = trigger.webhook;
  const other = hookFiles.get(path);
  if (other !== undefined) {
    return [
      {
        file,
        pointer: '/trigger/webhook/path',
        message: `repeats the webhook path "${path}" of ${other}`,
        hint: 'Give each webhook its own path.',
      },
    ];
  }
  hookFiles.set(path, file);
  if (!signature) return [];
  const connection = await connections?.get(signature.secret);
  const secret = connection?.auth.secret;
  if (typeof secret !== 'string' || secret === '') {
    return [
      {
        file,
        pointer: '/trigger/webhook/signature/secret',
        message: connection
          ? `names the connection "${signature.secret}", whose auth has no "secret"`
          : `names the connection "${signature.secret}", which is not defined`,
        hint: `Define it with the signing secret, e.g. MOVA_CONNECTION_${signature.secret.toUpperCase().replaceAll('-', '_')}='{"connector":"webhook","auth":{"secret":"…"}}'.`,
      },
    ];
  }
  secrets.set(name, secret);
  return [];
}

/** A connector trigger must resolve (as steps do, through the lockfile when there is one) to a polling or webhook trigger. */
async function pollingTriggerIssues(
  trigger: ConnectorTrigger,
  runtime: Runtime,
  file: string,
): Promise<ProjectIssue[]> {
  const parsed = parseUses(trigger.uses, BUILTIN_NAMES);
  if (!parsed.ok || parsed.ref.kind !== 'connector') return [];
  const ref = parsed.ref;
  const at = { file, pointer: '/trigger/uses' };
  try {
    const target = await runtime.resolver.resolve(ref.package, ref.range);
    const found = target.manifest.triggers.find((t) => t.key === ref.action);
    // Polling triggers are polled, webhook triggers subscribed (webhook-triggers.ts).
    if (found) return [];
    const of = (kind: string) => target.manifest.triggers.filter((t) => t.kind === kind).map((t) => t.key);
    const [polling, webhook] = [of('polling'), of('webhook')];
    return [
      {
        ...at,
        message: `names "${ref.action}", which ${target.package}@${target.version} has no trigger of`,
        hint:
          [
            polling.length > 0 ? `Its polling triggers: ${polling.join(', ')}.` : '',
            webhook.length > 0 ? `Its webhook triggers: ${webhook.join(', ')}.` : '',
          ]
            .filter(Boolean)
            .join(' ') || 'It has no triggers.',
      },
    ];
  } catch (error) {
    return [
      {
        ...at,
        message: `cannot be resolved: ${messageOf(error)}`,
        hint: (error as { hint?: string }).hint ?? 'Install the connector (mova-connector install) or check the range.',
      },
    ];
  }
}

/** The run's inputs from a webhook body: a JSON object, a form, or nothing (`{}`). */
function bodyInputs(request: WebhookRequest): { ok: true; value: unknown } | { ok: false; error: string } {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  const text = request.body.toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { ok: true, value };
    return { ok: false, error: 'the body is JSON but not an object; the run inputs are an object' };
  } catch {
    return {
      ok: false,
      error: 'the body is not JSON (nor a form with Content-Type application/x-www-form-urlencoded)',
    };
  }
}

/** An HTTP answer for a run that did not start. */
export function refusalResponse(error: unknown): WebhookResponse {
  if (error instanceof EngineRefusal) {
    const status = { not_found: 404, limit: 429, stopping: 503 }[error.reason];
    return { status, body: { error: error.message, code: error.code, hint: error.hint } };
  }
  if (error instanceof WorkflowValidationError) {
    return { status: 422, body: { error: error.message, issues: error.issues } };
  }
  throw error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(dir, e.name))
    .sort();
}
