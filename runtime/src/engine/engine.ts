import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { PollState } from '@mova/sdk';
import type { BreakerSnapshot } from '../breaker/circuit-breaker.js';
import { BUILTIN_NAMES } from '../builtins/builtins.js';
import type { ConnectionProvider } from '../connections/connections.js';
import { parseDuration } from '../duration.js';
import { type WorkflowIssue, WorkflowValidationError } from '../errors.js';
import type { RunResult, Runtime } from '../runtime.js';
import type { RunStore } from '../store/types.js';
import { inputsCheck } from '../workflow/inputs-check.js';
import type { ConnectorTrigger, Trigger, WebhookTrigger } from '../workflow/types.js';
import { parseUses } from '../workflow/uses.js';
import type { ValidatedWorkflow } from '../workflow/validate.js';
import { type Clock, systemClock } from './clock.js';
import { Poller } from './poller.js';
import { Schedule, type ScheduleState } from './scheduler.js';
import { type SignatureCheck, verifySignature } from './signature.js';
import { StateFile } from './state.js';

/** A problem with one workflow file of the project, located in that file. */
export interface ProjectIssue extends WorkflowIssue {
  file: string;
}

/** The project's workflows cannot be served: every problem, by file and JSON pointer. */
export class ProjectError extends WorkflowValidationError {
  declare readonly issues: ProjectIssue[];
}

/** Why the engine did not start a run: `not_found` (no such workflow), `stopping`, or the inputs were invalid (a WorkflowValidationError). */
export class EngineRefusal extends Error {
  constructor(
    readonly reason: 'not_found' | 'stopping',
    message: string,
  ) {
    super(message);
    this.name = 'EngineRefusal';
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
  /** The run's outcome; never rejects (a run store failure becomes a failed result). */
  done: Promise<RunResult>;
}

/** Hands runs to other processes (queue mode): `start` resolves once the run is accepted. */
export interface RunDispatcher {
  start(workflow: ServedWorkflow, inputs: unknown, actor: string | undefined): Promise<StartedRun>;
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
  readonly workflows: ReadonlyMap<string, ServedWorkflow>;
  private readonly hooks = new Map<string, { workflow: ServedWorkflow; secret?: string }>();
  private readonly schedules = new Map<string, Schedule>();
  private readonly pollers = new Map<string, Poller>();
  private readonly active = new Map<
    string,
    { controller: AbortController; done: Promise<RunResult>; finished: () => boolean }
  >();
  private readonly clock: Clock;
  private stopping = false;

  private constructor(
    private readonly options: EngineOptions,
    workflows: ServedWorkflow[],
    secrets: Map<string, string>,
  ) {
    this.clock = options.clock ?? systemClock;
    this.workflows = new Map(workflows.map((w) => [w.name, w]));
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
    return new Engine(options, workflows, secrets);
  }

  /** The run store the runs are recorded in. */
  get store(): RunStore {
    return this.options.runtime.store;
  }

  /** The webhook paths served, with their workflows. */
  get webhookPaths(): string[] {
    return [...this.hooks.keys()];
  }

  /** The runtime's circuit breakers used so far (state, failures, when they opened and will probe). */
  breakers(): BreakerSnapshot[] {
    return this.options.runtime.breakers();
  }

  /** Runs started by this engine that have not ended. */
  get running(): number {
    return this.active.size;
  }

  /** Starts the schedules and the pollers. */
  async start(): Promise<void> {
    const { dataDir, runtime } = this.options;
    if (this.options.dispatch) return;
    for (const workflow of this.workflows.values()) {
      const trigger = workflow.plan.workflow.trigger;
      if (!trigger) continue;
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
   * Starts a run of a workflow and resolves once it is recorded, with its id and its outcome.
   * Rejects with EngineRefusal (no such workflow, shutting down) or WorkflowValidationError (the
   * inputs do not fit); nothing is recorded then. `actor` names who started it in the audit log
   * (`api`, `webhook:/hooks/<path>`, `schedule:<workflow>`, `poll:<workflow>`).
   */
  async startRun(name: string, inputs: unknown = {}, options: { actor?: string } = {}): Promise<StartedRun> {
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
    const controller = new AbortController();
    // Recorded as ended, though `done` may still wait for the audit log: no longer cancellable.
    let finished = false;
    let started!: (runId: string) => void;
    const runId = new Promise<string>((resolve) => {
      started = resolve;
    });
    const run = this.options.runtime.runValidated(workflow.plan, inputs, {
      signal: controller.signal,
      ...(options.actor === undefined ? {} : { actor: options.actor }),
      onEvent: (event) => {
        if (event.type === 'run.started') started(event.runId);
        if (event.type === 'run.finished') finished = true;
      },
    });
    const id = await Promise.race([runId, run.then((result) => result.runId)]);
    const done = run.catch(
      (error: unknown): RunResult => ({
        runId: id,
        status: 'failed',
        error: { kind: 'unknown', message: `the run store failed: ${messageOf(error)}` },
      }),
    );
    this.active.set(id, { controller, done, finished: () => finished });
    void done.finally(() => this.active.delete(id));
    return { runId: id, done };
  }

  /** Cancels a run this engine started: its steps are aborted and it ends `cancelled`. False when it is not running here. */
  cancel(runId: string): boolean {
    const run = this.active.get(runId);
    if (!run || run.finished()) return false;
    run.controller.abort();
    return true;
  }

  /** Answers a request to `/hooks/<path>`: 404 unknown path, 405 method, 401 bad signature, 400 body, 422 inputs, else 202/200. */
  async handleWebhook(request: WebhookRequest): Promise<WebhookResponse> {
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
    let started: StartedRun;
    try {
      started = await this.startRun(hook.workflow.name, inputs.value, { actor: `webhook:/hooks/${request.path}` });
    } catch (error) {
      return refusalResponse(error);
    }
    this.log({ event: 'trigger.run', trigger: 'webhook', workflow: hook.workflow.name, runId: started.runId });
    if ((trigger.respond ?? 'accepted') === 'accepted') {
      return { status: 202, body: { runId: started.runId, status: 'running' } };
    }
    const waitMs = parseDuration(trigger.timeout ?? '') ?? DEFAULT_WEBHOOK_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    const result = await Promise.race([started.done, timedOut]);
    clearTimeout(timer);
    if (!result) return { status: 202, body: { runId: started.runId, status: 'running' } };
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

/** A connector trigger must resolve (as steps do, through the lockfile when there is one) to a polling trigger. */
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
    if (found?.kind === 'polling') return [];
    const polling = target.manifest.triggers.filter((t) => t.kind === 'polling').map((t) => t.key);
    return [
      {
        ...at,
        message: found
          ? `names the ${found.kind} trigger "${ref.action}" of ${target.package}@${target.version}, which serve cannot poll`
          : `names "${ref.action}", which ${target.package}@${target.version} has no trigger of`,
        hint: polling.length > 0 ? `Its polling triggers: ${polling.join(', ')}.` : 'It has no polling triggers.',
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
    return { status: error.reason === 'not_found' ? 404 : 503, body: { error: error.message } };
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
