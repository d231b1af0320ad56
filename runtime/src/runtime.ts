import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type AuditLog, type AuditRecord, auditWarning } from './audit/audit-log.js';
import { Breakers, type CircuitBreakerOptions } from './breaker/breakers.js';
import type { BreakerSnapshot } from './breaker/circuit-breaker.js';
import { type ConnectionProvider, envConnections } from './connections/connections.js';
import { RateLimiter } from './connections/rate-limit.js';
import { learningRedactor } from './connections/redact.js';
import { TokenWriteBack, type TriggerTokens } from './connections/token-write-back.js';
import { type StepErrorInfo, WorkflowValidationError } from './errors.js';
import type { RunEvent } from './events.js';
import { AbortScope } from './executor/abort.js';
import { Execution, type Scope, StoreFailure, scopeRecord } from './executor/execution.js';
import { toStepError } from './executor/failure.js';
import { type PauseSupport, RunPaused } from './executor/pause.js';
import { PinnedResolver, ResumeError, resumeInfoOf, sha256 } from './executor/resume.js';
import { evaluateValue } from './expressions/evaluate.js';
import type { ConnectorHost } from './host/types.js';
import { type Limits, limitsWith } from './limits.js';
import type { EventLabels, Metrics } from './metrics/metrics.js';
import { SandboxHost } from './sandbox/host.js';
import { hostRuleProblem } from './sandbox/host-rule.js';
import { ConnectorStore } from './sources/connector-store.js';
import { LockedResolver } from './sources/locked-resolver.js';
import type { Lockfile } from './sources/lockfile.js';
import type { RegistryOptions } from './sources/registry-client.js';
import { RegistrySource } from './sources/registry-source.js';
import { Resolver } from './sources/resolver.js';
import type { ConnectorSource } from './sources/types.js';
import { FileRunStore } from './store/file-run-store.js';
import { THIS_PROCESS } from './store/owner.js';
import { parseAge } from './store/retention.js';
import type { RunStore, StepRecord } from './store/types.js';
import { type PollOptions, type PollResult, pollOnce } from './triggers/poll.js';
import { inputsCheck } from './workflow/inputs-check.js';
import type { Workflow } from './workflow/types.js';
import {
  type ValidatedWorkflow,
  type ValidateOptions,
  type ValidationResult,
  validateWorkflow,
} from './workflow/validate.js';

export interface RuntimeOptions {
  /** Where connectors come from, highest priority first. Ignored when `resolver` or `lockfile` is given. */
  sources?: ConnectorSource[];
  resolver?: Resolver;
  /**
   * `mova.lock.json` (a path or the parsed file): every `uses` runs exactly the version it locks,
   * verified by its integrity, and no registry is asked for versions. A `uses` it does not lock
   * fails validation. Not together with `resolver`.
   */
  lockfile?: string | Lockfile;
  /**
   * An npm registry (URL and token). With `lockfile`: where locked tarballs missing from the store
   * are downloaded with the token. Without: a RegistrySource after `sources`.
   */
  registry?: RegistryOptions;
  /**
   * Where registry downloads are kept. Default: the first ConnectorStore in `sources`, else
   * `<dataDir>/connectors`.
   */
  connectorStore?: ConnectorStore;
  /** Default: the embedded store in `<dataDir>/runs`. */
  store?: RunStore;
  /** Data folder of the default store (default `.mova/data`). */
  dataDir?: string;
  /**
   * Retention: runs that started longer ago than this age (`30d`, `12h`, `2w`) are removed from the
   * store when the runtime starts (running runs stay). Default: `MOVA_RUN_RETENTION` of `env`,
   * else every run is kept.
   */
  retention?: string;
  /**
   * Runs connector actions. Default: a SandboxHost (worker threads for `@mova/` connectors, a
   * permission-restricted process for every other one, egress limited to declared hosts).
   */
  host?: ConnectorHost;
  /** Default: `MOVA_CONNECTION_<NAME>` variables of `env`. */
  connections?: ConnectionProvider;
  /** Hosts `http_fetch` may call (`api.example.com`, `*.example.com`, `127.0.0.1:8080`); default none. */
  allowHosts?: string[];
  /** Where `env` names listed by a workflow are read (default `process.env`). */
  env?: Record<string, string | undefined>;
  limits?: Partial<Limits>;
  /**
   * One circuit breaker per connector version and connection, shared by this runtime's runs: after
   * `failures` consecutive transient, rate-limit or timeout failures (each failed try of a step's
   * `retry` counts) calls fail fast with E_CIRCUIT_OPEN, without reaching the sandbox, until
   * `coolDown` has passed; then one probe call decides: success closes it, failure opens it again.
   * Default `{ failures: 5, coolDown: '30s' }`; `false` turns breakers off.
   */
  circuitBreaker?: CircuitBreakerOptions | false;
  /**
   * Prometheus metrics (`createMetrics()`) fed by every run's events and every breaker change; a
   * server serves them with `metrics.handler` at `/metrics`.
   */
  metrics?: Metrics;
  /**
   * The audit log (`new AuditLog(dataDir)`): every run records `run.started`, one `connection.used`
   * per connection it loads and `run.finished`, by `RunOptions.actor` or the OS user. A run waits
   * for its lines before it resolves; a failure to write them is a process warning, not a failed run.
   */
  audit?: AuditLog;
  /**
   * The connections' rate limits (a connection's `rateLimit`), shared by this runtime's runs.
   * Default: one of its own on the system clock, feeding `metrics`; tests give one with a fake clock.
   */
  rateLimiter?: RateLimiter;
}

export interface RunOptions {
  /** Live progress: run and step events, secrets redacted. An exception in it is ignored. */
  onEvent?: (event: RunEvent) => void;
  /** Cancels the run: running steps are aborted, the run ends `cancelled`. */
  signal?: AbortSignal;
  /** Who started the run, for the audit log (default: the audit log's actor, the OS user). */
  actor?: string;
  /**
   * The run's id (default: a random UUID). A queue chooses it when it accepts the run, so the id it
   * hands out is the one the run is recorded under.
   */
  runId?: string;
  /** The workflow's file, recorded with the run (kept for resume). */
  workflowFile?: string;
  /**
   * Lets the run pause durably (serve's engine gives it): an approval step, or a `wait` longer than
   * `limits.durableWaitAfterMs`, records the run `waiting` and the run resolves with that status;
   * `resume` drives it on later. Without it approval steps fail and waits sleep in memory.
   */
  pause?: PauseSupport;
}

/** A run that paused durably (only with `RunOptions.pause`, or on resume): drive it on with `resume`. */
export interface WaitingRun {
  runId: string;
  status: 'waiting';
  /** When it is due (an approval's timeout, a wait's end). */
  resumeAt?: string;
}

/** How a run that may pause came out. */
export type RunOutcome = RunResult | WaitingRun;

export interface RunResult {
  runId: string;
  status: 'completed' | 'failed' | 'cancelled';
  output?: unknown;
  /** Why the run failed, secrets redacted. */
  error?: StepErrorInfo;
}

export interface Runtime {
  readonly resolver: Resolver;
  readonly store: RunStore;
  readonly host: ConnectorHost;
  /**
   * Start-up work: runs left `running` by dead processes are marked `interrupted`, and with a
   * retention setting, older runs are pruned. `run` waits for it.
   */
  readonly ready: Promise<{ interrupted: string[]; pruned?: number }>;
  /** Validates with this runtime's sources, connections, allowed hosts and limits. */
  validate(workflow: Workflow | string): Promise<ValidationResult>;
  /**
   * Validates the workflow and the inputs, then runs it. Rejects with WorkflowValidationError when
   * either is invalid (nothing ran, no run was recorded); otherwise resolves with the run's outcome.
   */
  run(workflow: Workflow | string, inputs?: unknown, options?: RunOptions): Promise<RunResult>;
  /**
   * Runs a workflow that `validate` accepted, without validating it again: a service that runs one
   * workflow many times validates it once, instead of re-reading its connectors on every run. The
   * run uses the connector versions and connections loaded by that validation. Rejects with
   * WorkflowValidationError when the inputs do not match.
   * @example
   * const checked = await runtime.validate(workflowText);
   * if (checked.ok) for (const inputs of batch) await runtime.runValidated(checked.workflow, inputs);
   */
  runValidated(
    workflow: ValidatedWorkflow,
    inputs: unknown,
    options: RunOptions & { pause: PauseSupport },
  ): Promise<RunOutcome>;
  runValidated(workflow: ValidatedWorkflow, inputs?: unknown, options?: RunOptions): Promise<RunResult>;
  /**
   * Resumes an `interrupted` or `waiting` run from its record: the recorded workflow and inputs,
   * the recorded connector builds (same versions and content integrity), and every step that
   * completed before replayed by its key instead of run again. A step that was in flight runs again
   * when it is safe (built-ins, idempotent actions), else fails with E_OUTCOME_UNKNOWN. Rejects with
   * ResumeError when the run cannot be resumed.
   * @example
   * const { interrupted } = await runtime.ready;
   * for (const id of interrupted) await runtime.resume(id);
   */
  resume(runId: string, options?: RunOptions): Promise<RunOutcome>;
  /**
   * Runs one poll of a connector's polling trigger on this runtime's host (the sandbox by default),
   * checked against its manifest and deduplicated against `state`. Rejects with a StepError.
   * @example
   * let state; // keep it between polls
   * const { items, state: next } = await runtime.poll('github/issues.new@^1', { input: { owner, repo }, connection: 'gh', state });
   */
  poll(uses: string, options?: PollOptions): Promise<PollResult>;
  /**
   * The OAuth2 token write-back as trigger calls use it (a server's webhook triggers): they get the
   * tokens this runtime's calls refreshed, and the ones they refresh are stored and audited.
   */
  readonly triggerTokens: TriggerTokens;
  /** The circuit breakers used so far: state, consecutive failures, when they opened and will probe. */
  breakers(): BreakerSnapshot[];
  close(): Promise<void>;
}

/** The resolver the options ask for: given, locked, or over the sources (and the registry). */
function resolverOf(options: RuntimeOptions): Resolver {
  const sources = options.sources ?? [];
  if (options.lockfile !== undefined && options.resolver) {
    throw new TypeError('createRuntime: pass either `lockfile` or `resolver`, not both');
  }
  if (options.resolver) return options.resolver;
  if (options.lockfile === undefined && !options.registry) return new Resolver(sources);
  const store =
    options.connectorStore ??
    sources.find((source): source is ConnectorStore => source instanceof ConnectorStore) ??
    new ConnectorStore(join(options.dataDir ?? '.mova/data', 'connectors'));
  if (options.lockfile !== undefined) {
    return new LockedResolver({ lockfile: options.lockfile, store, registry: options.registry });
  }
  return new Resolver(options.registry ? [...sources, new RegistrySource({ ...options.registry, store })] : sources);
}

/** The labels metrics need that an event does not carry: its workflow, and a uses step's connector and action. */
function eventLabels(plan: ValidatedWorkflow, event: RunEvent): EventLabels {
  const labels: EventLabels = { workflow: plan.workflow.name };
  if (!('step' in event) || event.step.kind !== 'uses') return labels;
  const uses = plan.uses.get(event.step.pointer);
  if (uses?.kind === 'connector') {
    labels.connector = `${uses.connector.package}@${uses.connector.version}`;
    labels.action = uses.action.key;
  } else if (uses?.kind === 'builtin') {
    labels.connector = 'builtin';
    labels.action = uses.name;
  }
  return labels;
}

/** The retention age in ms; a TypeError names a setting that is no age. */
function retentionOf(setting: string | undefined): number | undefined {
  if (setting === undefined || setting.trim() === '') return undefined;
  const ms = parseAge(setting);
  if (ms === undefined) {
    throw new TypeError(
      `run retention "${setting}" is not an age such as 30d, 12h or 2w (MOVA_RUN_RETENTION or retention)`,
    );
  }
  return ms;
}

/**
 * Creates a runtime: connector resolution, a host for connector code, connections, a run store.
 * @example
 * const runtime = createRuntime({ sources: [new WorkspaceSource('connectors')], allowHosts: ['api.example.com'] });
 * const result = await runtime.run(workflowText, { repo: 'mova/hub' }, { onEvent: console.log });
 */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const resolver = resolverOf(options);
  const store = options.store ?? new FileRunStore(options.dataDir ?? '.mova/data');
  const host = options.host ?? new SandboxHost();
  const env = options.env ?? process.env;
  const connections = options.connections ?? envConnections(env);
  const tokenWriteBack = new TokenWriteBack(connections);
  const triggerTokens = tokenWriteBack.forTriggers({
    audit: async (record) => {
      const log = options.audit;
      await log?.record(record).catch((error: unknown) => auditWarning(log.path, error));
    },
  });
  const allowHosts = options.allowHosts ?? [];
  for (const rule of allowHosts) {
    const problem = hostRuleProblem(rule);
    if (problem) throw new TypeError(`allowHosts: ${problem}`);
  }
  const limits = limitsWith(options.limits);
  const breakers = new Breakers(options.circuitBreaker);
  const { metrics } = options;
  const rateLimiter = options.rateLimiter ?? new RateLimiter(metrics ? { metrics } : {});
  if (metrics) breakers.onChange((snapshot) => metrics.breaker(snapshot));
  const validateOptions: ValidateOptions = { resolver, connections, allowHosts, limits };
  const retention = retentionOf(options.retention ?? env.MOVA_RUN_RETENTION);
  const ready = store.markInterrupted().then(async (interrupted) => {
    if (retention === undefined) return { interrupted };
    const { removed } = await store.prune({ olderThan: new Date(Date.now() - retention) });
    return { interrupted, pruned: removed };
  });
  // Awaited by every run; this keeps a failure from being an unhandled rejection meanwhile.
  ready.catch(() => {});

  /** The run's view of the environment, its redactor, and its event and audit sinks. */
  function runContext(plan: ValidatedWorkflow, runOptions: RunOptions) {
    const exposed: Record<string, string> = {};
    for (const name of plan.workflow.env ?? []) {
      const value = env[name];
      if (value !== undefined) exposed[name] = value;
    }
    // Connections' secret fields are redacted; so are exposed environment values, which often carry
    // tokens, and OAuth2 tokens refreshed by this runtime's calls (the run learns new ones as they come).
    const redact = learningRedactor([
      ...plan.secrets,
      ...Object.values(exposed),
      ...tokenWriteBack.secretsOf(plan.connections.keys()),
    ]);
    const emit = (event: RunEvent) => {
      try {
        metrics?.observe(event, eventLabels(plan, event));
      } catch {
        // Metrics never break a run.
      }
      try {
        runOptions.onEvent?.(redact(event));
      } catch {
        // A listener's bug must not break the run.
      }
    };
    const audited: Promise<void>[] = [];
    const audit = (record: AuditRecord) => {
      if (!options.audit) return;
      const log = options.audit;
      const actor = runOptions.actor === undefined ? {} : { actor: runOptions.actor };
      audited.push(log.record({ ...actor, ...record }).catch((error: unknown) => auditWarning(log.path, error)));
    };
    return { exposed, redact, emit, audit, audited };
  }

  /** Walks the workflow's steps (replaying recorded ones on resume) and records how the run ended. */
  async function drive(
    plan: ValidatedWorkflow,
    runId: string,
    inputs: unknown,
    runOptions: RunOptions,
    context: ReturnType<typeof runContext>,
    replay?: ReadonlyMap<string, StepRecord>,
  ): Promise<RunOutcome> {
    const { workflow } = plan;
    const { exposed, redact, emit, audit, audited } = context;
    const startedAt = Date.now();
    // Follows the caller's signal until the run ends; without one, nothing outside can abort it.
    const abort = AbortScope.following(runOptions.signal);
    const execution = new Execution({
      runId,
      plan,
      host,
      store,
      limits,
      allowHosts,
      redact,
      emit,
      breakers,
      rateLimiter,
      tokens: tokenWriteBack.forRun({
        runId,
        workflow: workflow.name,
        audit,
        learn: redact.learn,
        warn: (step, message) => emit({ type: 'step.log', runId, step, level: 'warn', message }),
      }),
      ...(replay ? { replay } : {}),
      ...(runOptions.pause ? { pause: runOptions.pause } : {}),
    });
    const scope: Scope = {
      vars: scopeRecord<unknown>({ inputs, env: exposed }),
      steps: scopeRecord(),
      suffix: '',
    };
    type Ended = Omit<RunResult, 'runId' | 'status'> & { status: 'completed' | 'failed' | 'cancelled' };
    const finish = async (result: Ended): Promise<RunResult> => {
      await store.updateRun(runId, {
        status: result.status,
        endedAt: new Date().toISOString(),
        ...(result.output === undefined ? {} : { output: redact(result.output) }),
        ...(result.error === undefined ? {} : { error: result.error }),
      });
      const durationMs = Date.now() - startedAt;
      emit({ type: 'run.finished', runId, ...result, durationMs });
      audit({ action: 'run.finished', subject: workflow.name, details: { runId, status: result.status, durationMs } });
      await Promise.all(audited);
      return { runId, ...result };
    };
    try {
      const last = await execution.runBlock(workflow.steps, '/steps', scope, abort);
      const output =
        workflow.output === undefined
          ? last
          : await evaluateValue(
              workflow.output,
              '/output',
              plan.expressions.templates,
              execution.expressionScope(scope),
            );
      return await finish({ status: 'completed', output: output ?? null });
    } catch (error) {
      if (error instanceof StoreFailure) throw error;
      if (error instanceof RunPaused) {
        const resumeAt = error.dueAt === undefined ? undefined : new Date(error.dueAt).toISOString();
        await store.updateRun(runId, { status: 'waiting', resumeAt: resumeAt ?? null });
        emit({ type: 'run.waiting', runId, ...(resumeAt ? { resumeAt } : {}) });
        await Promise.all(audited);
        return { runId, status: 'waiting', ...(resumeAt ? { resumeAt } : {}) };
      }
      const failure = redact(toStepError(error).info());
      return finish({ status: abort.aborted ? 'cancelled' : 'failed', error: failure });
    } finally {
      abort.release();
    }
  }

  async function runValidated(
    plan: ValidatedWorkflow,
    inputs: unknown = {},
    runOptions: RunOptions = {},
  ): Promise<RunOutcome> {
    const { workflow } = plan;
    const checkedInputs = structuredClone(inputs);
    const inputIssues = inputsCheck(workflow)(checkedInputs);
    if (inputIssues.length > 0) {
      throw new WorkflowValidationError(
        "the inputs do not match the workflow's inputs schema",
        inputIssues.map((i) => ({ ...i, hint: i.hint ?? 'Fix this input.' })),
      );
    }
    await ready;

    const context = runContext(plan, runOptions);
    const { redact, emit, audit } = context;
    const runId = runOptions.runId ?? randomUUID();
    const startedAt = new Date();
    const recordedInputs = redact(checkedInputs);
    const inputsRedacted = !isDeepStrictEqual(recordedInputs, checkedInputs);
    await store.createRun(
      {
        id: runId,
        workflow: workflow.name,
        status: 'running',
        inputs: recordedInputs,
        startedAt: startedAt.toISOString(),
        owner: THIS_PROCESS,
        resume: resumeInfoOf(plan, inputsRedacted, runOptions.workflowFile),
        steps: [],
      },
      // Durable with the run's first durable write (a `uses` step, a pause, its end; see RunStore).
      { durable: false },
    );
    emit({ type: 'run.started', runId, workflow: workflow.name, at: startedAt.toISOString() });
    audit({ action: 'run.started', subject: workflow.name, details: { runId } });
    for (const [name, connection] of plan.connections) {
      audit({
        action: 'connection.used',
        subject: name,
        details: { runId, workflow: workflow.name, connector: connection.connector },
      });
    }
    return drive(plan, runId, checkedInputs, runOptions, context);
  }

  async function resume(runId: string, runOptions: RunOptions = {}): Promise<RunOutcome> {
    await ready;
    const recorded = await store.getRun(runId);
    if (!recorded) {
      throw new ResumeError('E_RUN_NOT_FOUND', `there is no run ${runId}`, 'List runs with `mova-connector runs`.');
    }
    if (recorded.status !== 'interrupted' && recorded.status !== 'waiting') {
      throw new ResumeError(
        'E_RUN_NOT_RESUMABLE',
        `run ${runId} is ${recorded.status}: only interrupted and waiting runs are resumed`,
        recorded.status === 'running'
          ? 'Its process is still running it; wait for it, or stop that process first.'
          : 'It has ended; start a new run instead.',
      );
    }
    const info = recorded.resume;
    if (!info) {
      throw new ResumeError(
        'E_RUN_NOT_RESUMABLE',
        `run ${runId} was recorded without what resuming needs (by an older version)`,
        'Start a new run.',
      );
    }
    if (info.inputsRedacted) {
      throw new ResumeError(
        'E_RUN_NOT_RESUMABLE',
        `run ${runId} got inputs holding secrets, which were recorded redacted`,
        'Start a new run; pass secrets through connections or env, not inputs.',
      );
    }
    if (sha256(info.workflow) !== info.workflowHash) {
      throw new ResumeError(
        'E_RESUME_CHANGED',
        `the workflow recorded with run ${runId} does not match its hash`,
        'The run record was altered; start a new run.',
      );
    }
    const validation = await validateWorkflow(info.workflow, {
      ...validateOptions,
      resolver: new PinnedResolver(resolver, info.connectors),
      signal: runOptions.signal,
    });
    if (!validation.ok) {
      const first = validation.issues[0];
      throw new ResumeError(
        'E_RESUME_CHANGED',
        `run ${runId} cannot run as it was recorded: ${first ? `${first.pointer} ${first.message}` : 'invalid'}`,
        first?.hint ?? 'Start a new run.',
      );
    }
    const plan = validation.workflow;
    const taken = await store.reopenRun(runId, THIS_PROCESS);
    if (!taken) {
      throw new ResumeError(
        'E_RUN_NOT_RESUMABLE',
        `run ${runId} was taken by another process first, or ended meanwhile`,
        'See `mova-connector runs show` for where it is.',
      );
    }
    const context = runContext(plan, runOptions);
    const replay = new Map(taken.steps.map((step) => [step.key, step]));
    const at = new Date().toISOString();
    context.emit({ type: 'run.resumed', runId, workflow: plan.workflow.name, at, replayed: replay.size });
    context.audit({ action: 'run.resumed', subject: plan.workflow.name, details: { runId } });
    return drive(plan, runId, taken.inputs, runOptions, context, replay);
  }

  return {
    resolver,
    store,
    host,
    ready,
    validate: (workflow) => validateWorkflow(workflow, validateOptions),
    async run(workflowInput, inputs = {}, runOptions = {}) {
      const validation = await validateWorkflow(workflowInput, { ...validateOptions, signal: runOptions.signal });
      if (!validation.ok) throw new WorkflowValidationError('the workflow is invalid', validation.issues);
      // Without `pause` no step pauses, so the run ends completed, failed or cancelled.
      const { pause: _pause, ...plain } = runOptions;
      return runValidated(validation.workflow, inputs, plain) as Promise<RunResult>;
    },
    runValidated: runValidated as Runtime['runValidated'],
    resume,
    poll: (uses, pollOptions) =>
      pollOnce(
        { resolver, host, connections, defaultTimeoutMs: limits.defaultStepTimeoutMs, breakers, tokens: triggerTokens },
        uses,
        pollOptions,
      ),
    triggerTokens,
    breakers: () => breakers.list(),
    async close() {
      await Promise.all([store.close(), host.close?.()]);
    },
  };
}

/**
 * Resumes an interrupted or waiting run on a runtime (see `Runtime.resume`): completed steps are
 * replayed from the record, the rest run with the connector builds the run started with.
 * @example
 * const result = await resumeRun(runtime, runId, { actor: 'cli:runs resume' });
 */
export function resumeRun(runtime: Runtime, runId: string, options?: RunOptions): Promise<RunOutcome> {
  return runtime.resume(runId, options);
}
