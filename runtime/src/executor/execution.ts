import { MovaError } from '@mova/sdk/host';
import type { Breakers } from '../breaker/breakers.js';
import type { RateLimiter } from '../connections/rate-limit.js';
import type { Redactor } from '../connections/redact.js';
import type { RunTokens } from '../connections/token-write-back.js';
import { formatDuration, parseDuration } from '../duration.js';
import { StepError } from '../errors.js';
import type { RunEvent, StepRef } from '../events.js';
import { type ExpressionScope, evaluateTemplate, evaluateValue, isTruthy } from '../expressions/evaluate.js';
import type { ConnectorHost } from '../host/types.js';
import { pointerJoin } from '../json-pointer.js';
import type { Limits } from '../limits.js';
import type { RunStore, StepRecord, WriteOptions } from '../store/types.js';
import { branchEntries, stepKind } from '../workflow/steps.js';
import type {
  ApprovalStep,
  BranchStep,
  FailStep,
  ParallelStep,
  RepeatStep,
  Step,
  TryStep,
  WaitStep,
} from '../workflow/types.js';
import type { ValidatedWorkflow } from '../workflow/validate.js';
import { type AbortScope, sleep } from './abort.js';
import { toStepError } from './failure.js';
import { dueOf, type PauseSupport, RunPaused, type WaitingApproval, type WaitingWait } from './pause.js';
import { replayVerdict } from './replay.js';
import { retryDelay } from './retry.js';
import { runUses, type UsesNotes } from './run-uses.js';

export interface ExecutionContext {
  runId: string;
  plan: ValidatedWorkflow;
  host: ConnectorHost;
  store: RunStore;
  limits: Limits;
  allowHosts: readonly string[];
  redact: Redactor;
  /** Receives every event; it redacts secrets before they leave the runtime. */
  emit: (event: RunEvent) => void;
  /** Circuit breakers around connector calls, shared by the runtime's runs. */
  breakers?: Breakers;
  /** Connection rate limits, shared by the runtime's runs: each try of a step takes a token first. */
  rateLimiter?: RateLimiter;
  /** Writes OAuth2 tokens a call refreshed back to its connection, and gives later calls the newest. */
  tokens?: RunTokens;
  /** A resumed run: the steps recorded before, by key (see `replayVerdict`). */
  replay?: ReadonlyMap<string, StepRecord>;
  /** Given when the run may pause durably (under serve): approval steps and long waits. */
  pause?: PauseSupport;
}

/**
 * What expressions see at one point of the run. Blocks get copies, so their steps stay theirs.
 * `vars` and `steps` have no prototype (see `scopeRecord`).
 */
export interface Scope {
  vars: Record<string, unknown>;
  steps: Record<string, { output: unknown; status: 'completed' | 'skipped' }>;
  /** Loop indexes that make a step's record key unique: `[2]`, `[2][0]`. */
  suffix: string;
  /** What expressions see, made at the first one (`vars` never change, `steps` is shared). */
  view?: ExpressionScope;
}

/**
 * A record keyed by names from the workflow (step ids, variables) with no prototype: a step id
 * such as `__proto__` or `constructor` is an ordinary key, never Object.prototype's.
 */
export function scopeRecord<T>(...sources: Record<string, T>[]): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, ...sources);
}

/** The run store failed: not a step failure, so nothing catches or retries it. */
export class StoreFailure extends MovaError {
  constructor(cause: unknown) {
    super(
      'E_RUN_STORE',
      `the run store failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      'Check that the run store (its folder, SQLite file or PostgreSQL database) is reachable and writable.',
      { cause },
    );
  }
}

/** Walks a validated workflow step by step, recording every step in the run store. */
export class Execution {
  constructor(private readonly ctx: ExecutionContext) {}

  /** Runs a list of steps in order; returns the last step's output (null for an empty list). */
  async runBlock(steps: Step[], pointer: string, scope: Scope, abort: AbortScope): Promise<unknown> {
    let last: unknown = null;
    // An index needs no escaping: `${pointer}/${i}` is pointerJoin(pointer, i), without its copies.
    for (let i = 0; i < steps.length; i++) last = await this.runStep(steps[i] as Step, `${pointer}/${i}`, scope, abort);
    return last;
  }

  expressionScope(scope: Scope): ExpressionScope {
    scope.view ??= scopeRecord<unknown>(scope.vars, { steps: scope.steps });
    return scope.view;
  }

  private async runStep(step: Step, pointer: string, scope: Scope, abort: AbortScope): Promise<unknown> {
    const kind = stepKind(step);
    const ref: StepRef = { key: `${step.id}${scope.suffix}`, id: step.id, pointer, kind };
    const plan = this.ctx.plan.uses.get(pointer);
    const started = Date.now();
    const record: StepRecord = {
      key: ref.key,
      id: step.id,
      pointer,
      kind,
      status: 'running',
      attempts: 1,
      startedAt: new Date(started).toISOString(),
    };
    if (plan?.kind === 'connector') {
      record.connector = `${plan.connector.package}@${plan.connector.version}`;
      record.connectorIntegrity = plan.connector.integrity;
    }
    // Only a `uses` step reaches outside the process: its records are durable before it calls out
    // and once it has (its output cannot be had again). Other steps' records are deferred to the
    // run's next durable write; a crash before it loses nothing anyone outside has seen.
    const writes = kind === 'uses' ? DURABLE : DEFERRED;

    const prior = this.ctx.replay?.get(ref.key);
    // Still undecided (or not yet due): the run pauses here again, with the links it handed out.
    if (prior?.status === 'waiting') throw new RunPaused(dueOf(prior.output));
    if (prior) {
      const verdict = replayVerdict(prior, plan);
      if (verdict.do === 'reuse') {
        scope.steps[step.id] = { output: verdict.output, status: verdict.status };
        return verdict.output;
      }
      if (verdict.do === 'fail') {
        // Replaying a recorded failure writes nothing; an unknown outcome is recorded as the step's failure.
        if (prior.status !== 'failed') {
          await this.persist(() =>
            this.ctx.store.appendStep(this.ctx.runId, this.failedRecord(record, verdict.error), writes),
          );
          this.ctx.emit({
            type: 'step.failed',
            runId: this.ctx.runId,
            step: ref,
            error: this.ctx.redact(verdict.error.info()),
            durationMs: 0,
          });
        }
        throw verdict.error;
      }
    }

    if (await this.skipped(step, ref, record, scope)) return null;

    await this.persist(() => this.ctx.store.appendStep(this.ctx.runId, record, writes));
    this.ctx.emit({ type: 'step.started', runId: this.ctx.runId, step: ref, at: record.startedAt });
    const attempts = step.retry?.attempts ?? 1;
    for (let attempt = 1; ; attempt++) {
      const notes: UsesNotes = {};
      let output: unknown;
      let failure: StepError | undefined;
      try {
        output = await this.attempt(step, ref, scope, abort, notes);
      } catch (error) {
        if (error instanceof StoreFailure || error instanceof RunPaused) throw error;
        failure = this.failureOf(error, abort, record.connector).at(step.id, pointer);
      }
      const input = notes.input === undefined ? undefined : this.ctx.redact(notes.input);
      if (!failure) {
        scope.steps[step.id] = { output, status: 'completed' };
        await this.persist(() =>
          this.ctx.store.updateStep(
            this.ctx.runId,
            ref.key,
            {
              status: 'completed',
              attempts: attempt,
              endedAt: new Date().toISOString(),
              input,
              output: this.ctx.redact(output),
            },
            writes,
          ),
        );
        this.ctx.emit({
          type: 'step.completed',
          runId: this.ctx.runId,
          step: ref,
          output,
          durationMs: Date.now() - started,
        });
        return output;
      }
      // An abort from outside (cancelled run, enclosing timeout, failed sibling branch) is final.
      const retry = step.retry;
      if (retry && attempt < attempts && failure.retryable && !abort.aborted) {
        const delayMs = retryDelay(retry, attempt, failure.retryAfter);
        if (delayMs <= this.ctx.limits.maxRetryWaitMs) {
          this.ctx.emit({
            type: 'step.retrying',
            runId: this.ctx.runId,
            step: ref,
            attempt: attempt + 1,
            delayMs,
            error: failure.info(),
          });
          await this.persist(() =>
            this.ctx.store.updateStep(this.ctx.runId, ref.key, { attempts: attempt + 1 }, writes),
          );
          try {
            await sleep(delayMs, abort);
            continue;
          } catch (error) {
            failure = this.failureOf(error, abort, record.connector).at(step.id, pointer);
          }
        }
      }
      const error = this.ctx.redact(failure.info());
      await this.persist(() =>
        this.ctx.store.updateStep(
          this.ctx.runId,
          ref.key,
          {
            status: 'failed',
            attempts: attempt,
            endedAt: new Date().toISOString(),
            input,
            error,
          },
          writes,
        ),
      );
      this.ctx.emit({ type: 'step.failed', runId: this.ctx.runId, step: ref, error, durationMs: Date.now() - started });
      throw failure;
    }
  }

  /**
   * Applies a step's own `if`: a false condition records the step as skipped (output null). A
   * condition that fails to evaluate fails the step.
   */
  private async skipped(step: Step, ref: StepRef, record: StepRecord, scope: Scope): Promise<boolean> {
    if (ref.kind === 'branch' || step.if === undefined) return false;
    let go: boolean;
    try {
      go = await this.condition(step.if, `${ref.pointer}/if`, scope);
    } catch (error) {
      const failure = toStepError(error).at(step.id, ref.pointer);
      await this.persist(() => this.ctx.store.appendStep(this.ctx.runId, this.failedRecord(record, failure), DEFERRED));
      this.ctx.emit({ type: 'step.failed', runId: this.ctx.runId, step: ref, error: failure.info(), durationMs: 0 });
      throw failure;
    }
    if (go) return false;
    scope.steps[step.id] = { output: null, status: 'skipped' };
    const endedAt = new Date().toISOString();
    await this.persist(() =>
      this.ctx.store.appendStep(this.ctx.runId, { ...record, status: 'skipped', endedAt }, DEFERRED),
    );
    this.ctx.emit({ type: 'step.skipped', runId: this.ctx.runId, step: ref, at: endedAt });
    return true;
  }

  /** One try of a step, under its timeout. */
  private async attempt(step: Step, ref: StepRef, scope: Scope, outer: AbortScope, notes: UsesNotes): Promise<unknown> {
    const kind = ref.kind;
    const timeoutMs =
      parseDuration(step.timeout ?? '') ?? (kind === 'uses' ? this.ctx.limits.defaultStepTimeoutMs : undefined);
    if (timeoutMs === undefined)
      return this.runKind(step, ref, scope, outer, notes, this.ctx.limits.defaultStepTimeoutMs);
    const abort = outer.child();
    const timer = setTimeout(() => {
      abort.abort(
        new StepError({
          kind: 'timeout',
          message: `step "${step.id}" timed out after ${formatDuration(timeoutMs)}`,
          step: step.id,
          pointer: step.timeout === undefined ? ref.pointer : pointerJoin(ref.pointer, 'timeout'),
          hint: 'Raise the step\'s "timeout", or find out why it is slow.',
        }),
      );
    }, timeoutMs);
    try {
      return await abort.race(this.runKind(step, ref, scope, abort, notes, timeoutMs));
    } finally {
      clearTimeout(timer);
      abort.release();
    }
  }

  private runKind(
    step: Step,
    ref: StepRef,
    scope: Scope,
    abort: AbortScope,
    notes: UsesNotes,
    timeoutMs: number,
  ): Promise<unknown> {
    if ('uses' in step) return runUses(this, step, ref, scope, abort, notes, timeoutMs);
    if ('set' in step)
      return evaluateValue(step.set, `${ref.pointer}/set`, this.templates, this.expressionScope(scope));
    if ('then' in step) return this.runBranch(step, ref.pointer, scope, abort);
    if ('repeat' in step) return this.runRepeat(step, ref.pointer, scope, abort);
    if ('parallel' in step) return this.runParallel(step, ref.pointer, scope, abort);
    if ('try' in step) return this.runTry(step, ref.pointer, scope, abort);
    if ('wait' in step) return this.runWait(step, ref, scope, abort);
    if ('approval' in step) return this.runApproval(step, ref, scope, abort);
    return this.runFail(step, ref.pointer, scope);
  }

  get context(): ExecutionContext {
    return this.ctx;
  }

  get templates() {
    return this.ctx.plan.expressions.templates;
  }

  private async runBranch(step: BranchStep, pointer: string, scope: Scope, abort: AbortScope): Promise<unknown> {
    const go = await this.condition(step.if, `${pointer}/if`, scope);
    const block = go ? step.then : step.else;
    if (!block) return null;
    return this.runBlock(block, `${pointer}/${go ? 'then' : 'else'}`, child(scope), abort);
  }

  private async runRepeat(step: RepeatStep, pointer: string, scope: Scope, abort: AbortScope): Promise<unknown[]> {
    const loop = step.repeat;
    const body = pointerJoin(pointer, 'do');
    const outputs: unknown[] = [];
    if ('for_each' in loop) {
      const at = pointerJoin(pointer, 'repeat', 'for_each');
      const value = await evaluateValue(loop.for_each, at, this.templates, this.expressionScope(scope));
      // JSONata gives a single value for a one-item sequence; a loop takes it as a list of one.
      const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
      if (items.length > this.ctx.limits.maxIterations) {
        throw new StepError({
          kind: 'limit',
          message: `for_each got ${items.length} items, more than the ${this.ctx.limits.maxIterations} a loop may run`,
          pointer: at,
          hint: 'Process the list in batches.',
        });
      }
      for (const [i, item] of items.entries()) {
        const vars = { [loop.as ?? 'item']: item, [loop.index_as ?? 'index']: i };
        outputs.push(await this.runBlock(step.do, body, child(scope, vars, i), abort));
      }
      return outputs;
    }
    const max = Math.min(loop.max_iterations ?? this.ctx.limits.defaultMaxIterations, this.ctx.limits.maxIterations);
    const at = pointerJoin(pointer, 'repeat', 'while');
    // The condition sees the body's steps from the previous iteration (none before the first).
    let previous: Scope = scope;
    for (let i = 0; ; i++) {
      if (
        !(await this.condition(loop.while, at, {
          steps: previous.steps,
          suffix: previous.suffix,
          vars: scopeRecord(scope.vars, { [loop.index_as ?? 'index']: i }),
        }))
      )
        break;
      if (i >= max) {
        throw new StepError({
          kind: 'limit',
          message: `the while loop reached max_iterations (${max}) and its condition still holds`,
          pointer: at,
          hint: 'Check that the condition becomes false, or raise max_iterations.',
        });
      }
      const iteration = child(scope, { [loop.index_as ?? 'index']: i }, i);
      outputs.push(await this.runBlock(step.do, body, iteration, abort));
      previous = iteration;
    }
    return outputs;
  }

  private async runParallel(step: ParallelStep, pointer: string, scope: Scope, abort: AbortScope): Promise<unknown> {
    const entries = branchEntries(step.parallel.branches);
    // A failed branch aborts the others (not the run).
    const branchAbort = abort.child();
    const scopes = entries.map(() => child(scope));
    const outputs: unknown[] = entries.map(() => null);
    const pauses: RunPaused[] = [];
    let failure: unknown;
    let next = 0;
    const worker = async () => {
      while (next < entries.length && failure === undefined) {
        const i = next++;
        const [name, steps] = entries[i] ?? [i, []];
        const branchScope = scopes[i] ?? child(scope);
        try {
          outputs[i] = await this.runBlock(
            steps,
            pointerJoin(pointer, 'parallel', 'branches', name),
            branchScope,
            branchAbort,
          );
        } catch (error) {
          // A paused branch does not stop the others: they run on, and the run waits after them.
          if (error instanceof RunPaused) {
            pauses.push(error);
            continue;
          }
          if (failure !== undefined) continue;
          failure = error;
          branchAbort.abort(
            new StepError({
              kind: 'cancelled',
              message: `cancelled because branch ${JSON.stringify(name)} of "${step.id}" failed`,
              hint: 'See the failed branch.',
            }),
          );
        }
      }
    };
    const concurrency = Math.min(step.parallel.concurrency ?? entries.length, entries.length);
    await Promise.all(Array.from({ length: concurrency }, worker)).finally(() => branchAbort.release());
    if (failure !== undefined) throw failure;
    if (pauses.length > 0) throw RunPaused.earliest(pauses);
    for (const branchScope of scopes) Object.assign(scope.steps, branchScope.steps);
    if (Array.isArray(step.parallel.branches)) return outputs;
    return Object.fromEntries(entries.map(([name], i) => [name, outputs[i]]));
  }

  private async runTry(step: TryStep, pointer: string, scope: Scope, abort: AbortScope): Promise<unknown> {
    try {
      return await this.runBlock(step.try, pointerJoin(pointer, 'try'), child(scope), abort);
    } catch (error) {
      if (error instanceof StoreFailure || error instanceof RunPaused || abort.aborted) throw error;
      const failure = toStepError(error);
      const kinds = step.catch.kinds;
      if (failure.kind === 'cancelled' || (kinds && !kinds.includes(failure.kind))) throw error;
      const vars = { [step.catch.as ?? 'error']: this.ctx.redact(failure.info()) };
      return this.runBlock(step.catch.do, pointerJoin(pointer, 'catch', 'do'), child(scope, vars), abort);
    }
  }

  private async runWait(step: WaitStep, ref: StepRef, scope: Scope, abort: AbortScope): Promise<null> {
    const at = pointerJoin(ref.pointer, 'wait', 'duration');
    const value = await evaluateValue(step.wait.duration, at, this.templates, this.expressionScope(scope));
    const ms = typeof value === 'string' ? parseDuration(value) : undefined;
    if (ms === undefined) {
      throw new StepError({
        kind: 'invalid_input',
        message: `the wait duration ${JSON.stringify(value)} is not a duration`,
        pointer: at,
        hint: 'Give a text such as "2s", "500ms" or "1m".',
      });
    }
    if (ms > this.ctx.limits.maxWaitMs) {
      throw new StepError({
        kind: 'limit',
        message: `the wait of ${formatDuration(ms)} is longer than the ${formatDuration(this.ctx.limits.maxWaitMs)} allowed`,
        pointer: at,
        hint: this.ctx.pause
          ? 'Wait less, or raise maxWaitMs in the runtime limits.'
          : 'Wait less, or run the workflow under `mova-connector serve`, which keeps long waits in the run store.',
      });
    }
    const pause = this.ctx.pause;
    if (pause && ms > this.ctx.limits.durableWaitAfterMs) {
      const waiting: WaitingWait = { until: new Date(pause.now() + ms).toISOString() };
      return this.pauseAt(ref, waiting, pause.now() + ms);
    }
    await sleep(ms, abort);
    return null;
  }

  /** Records the step `waiting` with what it waits for, and pauses the run. */
  private async pauseAt(ref: StepRef, output: WaitingApproval | WaitingWait, dueAt: number): Promise<never> {
    await this.recordWaiting(ref, output, dueAt);
    throw new RunPaused(dueAt);
  }

  /** Records the step `waiting`, durably: from then on it may be decided (its links work). */
  private async recordWaiting(ref: StepRef, output: WaitingApproval | WaitingWait, dueAt: number): Promise<void> {
    const recorded = this.ctx.redact(output);
    await this.persist(() =>
      this.ctx.store.updateStep(this.ctx.runId, ref.key, { status: 'waiting', output: recorded }),
    );
    this.ctx.emit({
      type: 'step.waiting',
      runId: this.ctx.runId,
      step: ref,
      output,
      dueAt: new Date(dueAt).toISOString(),
    });
  }

  private async runApproval(step: ApprovalStep, ref: StepRef, scope: Scope, abort: AbortScope): Promise<never> {
    const pause = this.ctx.pause;
    if (!pause) {
      throw new StepError({
        code: 'E_APPROVAL_NEEDS_SERVE',
        kind: 'failed',
        message: `the approval step "${step.id}" waits for a person's decision, which needs the run to pause durably`,
        pointer: pointerJoin(ref.pointer, 'approval'),
        hint: 'Run the workflow under `mova-connector serve` (which hands out the approve/reject links), not with `mova-connector run`.',
      });
    }
    const at = pointerJoin(ref.pointer, 'approval', 'message');
    const message = await evaluateValue(step.approval.message, at, this.templates, this.expressionScope(scope));
    const timeoutMs = parseDuration(step.approval.timeout) ?? 0;
    const dueAt = pause.now() + timeoutMs;
    const waiting: WaitingApproval = {
      message: String(message),
      links: pause.links(this.ctx.runId, ref.key, dueAt),
      expiresAt: new Date(dueAt).toISOString(),
      onTimeout: step.approval.onTimeout ?? 'reject',
      ...(step.approval.approvers ? { approvers: step.approval.approvers } : {}),
    };
    const notify = step.approval.notify;
    if (!notify) return this.pauseAt(ref, waiting, dueAt);
    // Waiting first, so a decision made from a notification (even before the notify step ends) counts.
    await this.recordWaiting(ref, waiting, dueAt);
    const approval = {
      approveUrl: waiting.links.approve,
      rejectUrl: waiting.links.reject,
      message: waiting.message,
      expiresAt: waiting.expiresAt,
    };
    await this.runBlock(notify, pointerJoin(ref.pointer, 'approval', 'notify'), child(scope, { approval }), abort);
    throw new RunPaused(dueAt);
  }

  private async runFail(step: FailStep, pointer: string, scope: Scope): Promise<never> {
    const at = pointerJoin(pointer, 'fail', 'message');
    const message = await evaluateValue(step.fail.message, at, this.templates, this.expressionScope(scope));
    throw new StepError({
      kind: step.fail.kind ?? 'failed',
      message: String(message),
      pointer: pointerJoin(pointer, 'fail'),
      hint: 'The workflow stopped here on purpose (a fail step).',
    });
  }

  private async condition(value: boolean | string, pointer: string, scope: Scope): Promise<boolean> {
    if (typeof value === 'boolean') return value;
    const template = this.templates.get(pointer);
    if (!template) return isTruthy(value);
    return isTruthy(await evaluateTemplate(template, pointer, this.expressionScope(scope)));
  }

  /** A failure as the step records it; an abort from outside is reported by its reason. */
  private failureOf(error: unknown, abort: AbortScope, connector: string | undefined): StepError {
    if (abort.aborted && !(error instanceof StepError && error.kind !== 'cancelled')) {
      const reason: unknown = abort.reason;
      if (reason instanceof StepError) return reason;
      return new StepError(
        { kind: 'cancelled', message: 'the run was cancelled', hint: 'It was stopped on request.' },
        { cause: reason },
      );
    }
    return toStepError(error, connector);
  }

  private failedRecord(record: StepRecord, failure: StepError): StepRecord {
    return { ...record, status: 'failed', endedAt: new Date().toISOString(), error: this.ctx.redact(failure.info()) };
  }

  async persist(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      throw new StoreFailure(error);
    }
  }
}

/** A record of a step that did not reach outside the process: made durable with the run's next durable write. */
const DEFERRED: WriteOptions = { durable: false };
const DURABLE: WriteOptions = { durable: true };

/** A scope for a nested block: the same variables plus its own, a copy of the steps so far. */
function child(scope: Scope, vars?: Record<string, unknown>, index?: number): Scope {
  return {
    // Nothing writes to `vars`: a block that adds none shares its parent's.
    vars: vars ? scopeRecord(scope.vars, vars) : scope.vars,
    steps: scopeRecord(scope.steps),
    suffix: index === undefined ? scope.suffix : `${scope.suffix}[${index}]`,
  };
}
