import { type Issue, ValidationError } from '@mova/sdk/host';
import { callOutcome } from '../breaker/breakers.js';
import { BUILTINS } from '../builtins/builtins.js';
import type { RateLimit } from '../connections/rate-limit.js';
import { StepError } from '../errors.js';
import type { StepRef } from '../events.js';
import { evaluateValue } from '../expressions/evaluate.js';
import type { UsesStep } from '../workflow/types.js';
import type { AbortScope } from './abort.js';
import { contractOf } from './contracts.js';
import type { Execution, Scope } from './execution.js';

/** What a `uses` step learnt before it failed or finished, for its record. */
export interface UsesNotes {
  input?: unknown;
}

/**
 * Runs a `uses` step: evaluates `with`, then a built-in, or a connector action through the host with
 * the manifest's checks around it: connection and input before dispatch, output after.
 */
export async function runUses(
  execution: Execution,
  step: UsesStep,
  ref: StepRef,
  scope: Scope,
  abort: AbortScope,
  notes: UsesNotes,
  timeoutMs: number,
): Promise<unknown> {
  const ctx = execution.context;
  const plan = ctx.plan.uses.get(ref.pointer);
  const withPointer = `${ref.pointer}/with`;
  const input = await evaluateValue(
    step.with ?? {},
    withPointer,
    execution.templates,
    execution.expressionScope(scope),
  );
  notes.input = input;
  if (!plan) throw new Error(`no plan for the uses step at ${ref.pointer}; the workflow was not validated`);
  if (plan.kind === 'builtin') {
    const builtin = BUILTINS.get(plan.name);
    if (!builtin) throw new Error(`unknown built-in ${plan.name}`);
    return builtin.run(input, {
      signal: abort.signal,
      allowHosts: ctx.allowHosts,
      maxResponseBytes: ctx.limits.maxResponseBytes,
    });
  }
  const { connector, action } = plan;
  const label = `${connector.package}@${connector.version}`;
  const contract = contractOf(connector.manifest);
  const connection = plan.connection === undefined ? undefined : ctx.plan.connections.get(plan.connection);
  if (plan.connection !== undefined && !connection) {
    throw new StepError({
      kind: 'auth',
      message: `the connection "${plan.connection}" was not loaded`,
      hint: 'Run the workflow through the runtime, which loads connections before it starts.',
    });
  }
  const tokens = ctx.tokens;
  const name = plan.connection;
  // A call after a refresh (in this run or an earlier one of this runtime) gets the refreshed tokens.
  const given =
    connection && name !== undefined && tokens ? await tokens.authOf(name, connection.auth) : connection?.auth;
  const auth = checked(() => contract.checkAuth(given ?? {}), 'auth', ref.pointer, label, action.key);
  const checkedInput = checked(
    () => contract.checkInput(action.key, input),
    'invalid_input',
    withPointer,
    label,
    action.key,
  );
  notes.input = checkedInput;
  const invoke = async () => {
    await takeRateLimit(execution, plan.connection, connection?.rateLimit, ref, abort);
    return ctx.host.invoke(
      { manifest: connector.manifest, bundlePath: connector.bundlePath, integrity: connector.integrity },
      action.key,
      checkedInput,
      auth,
      {
        signal: abort.signal,
        timeoutMs,
        maxOutputBytes: ctx.limits.maxOutputBytes,
        ...(connection && name !== undefined && tokens && given
          ? {
              onTokens: (refreshed) =>
                tokens.save({ name, connector: connection.connector, auth: given, step: ref }, refreshed),
            }
          : {}),
        log: (level, message, data) =>
          ctx.emit({ type: 'step.log', runId: ctx.runId, step: ref, level, message, ...(data ? { data } : {}) }),
      },
    );
  };
  // Each try goes through the breaker, so every failed retry counts as one failure.
  const output = ctx.breakers
    ? await ctx.breakers.call(
        label,
        plan.connection ?? null,
        (error) => callOutcome(error, abort.signal, ref.id),
        invoke,
      )
    : await invoke();
  return checked(() => contract.checkOutput(action.key, output), 'invalid_output', ref.pointer, label, action.key);
}

/** Waits for a token of the connection's rate limit, if it has one; a wait is logged on the step. */
async function takeRateLimit(
  execution: Execution,
  name: string | undefined,
  limit: RateLimit | undefined,
  ref: StepRef,
  abort: AbortScope,
): Promise<void> {
  const ctx = execution.context;
  if (name === undefined || !limit || !ctx.rateLimiter) return;
  const waitedMs = await ctx.rateLimiter.take(name, limit, abort.signal);
  if (waitedMs > 0) {
    ctx.emit({
      type: 'step.log',
      runId: ctx.runId,
      step: ref,
      level: 'info',
      message: `waited ${waitedMs} ms for the rate limit of connection "${name}" (${limit.requests} per ${limit.per})`,
      data: { rateLimit: { connection: name, waitedMs } },
    });
  }
}

/**
 * Runs one manifest check; a violation fails the step naming the connector version, with the
 * pointer of the offending field (inside `with` for input problems).
 */
function checked<T>(
  check: () => T,
  kind: 'auth' | 'invalid_input' | 'invalid_output',
  pointer: string,
  label: string,
  actionKey: string,
): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const first: Issue | undefined = error.issues[0];
    const located = kind === 'invalid_input' && first ? pointer + first.pointer.replace(/^\/input/, '') : pointer;
    throw new StepError(
      {
        kind,
        message: error.message,
        hint: error.hint ?? 'Fix the fields named above.',
        pointer: located,
        connector: label,
        actionKey,
        issues: error.issues,
      },
      { cause: error },
    );
  }
}
