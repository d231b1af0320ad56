import { StepError } from '../errors.js';
import type { StepRecord } from '../store/types.js';
import type { UsesPlan } from '../workflow/check-uses.js';
import type { StepKind } from '../workflow/types.js';

/** Steps that hold other steps: a resumed run drives them again, and their steps replay one by one. */
const BLOCK_KINDS: ReadonlySet<StepKind> = new Set(['branch', 'repeat', 'parallel', 'try']);

/** What a resumed run does with a step it has a record of. */
export type ReplayVerdict =
  | { do: 'run' }
  | { do: 'reuse'; status: 'completed' | 'skipped'; output: unknown }
  | { do: 'fail'; error: StepError };

/**
 * Deterministic replay by step key: a step that completed (or was skipped) before gives its recorded
 * output; one that failed fails the same way (a `try` around it catches it as before); one that was
 * in flight when the process died runs again when that is safe (built-in steps, idempotent actions)
 * and otherwise fails with E_OUTCOME_UNKNOWN, since the call may or may not have taken effect.
 */
export function replayVerdict(prior: StepRecord, plan: UsesPlan | undefined): ReplayVerdict {
  if (prior.status === 'skipped') return { do: 'reuse', status: 'skipped', output: null };
  if (BLOCK_KINDS.has(prior.kind)) return { do: 'run' };
  if (prior.status === 'completed') return { do: 'reuse', status: 'completed', output: prior.output ?? null };
  if (prior.status === 'failed') {
    const info = prior.error ?? { kind: 'unknown' as const, message: `step "${prior.id}" failed` };
    return {
      do: 'fail',
      error: new StepError({ ...info, step: info.step ?? prior.id, pointer: info.pointer ?? prior.pointer }),
    };
  }
  if (prior.kind !== 'uses' || !plan || safeToRepeat(plan)) return { do: 'run' };
  return { do: 'fail', error: outcomeUnknown(prior, plan) };
}

function safeToRepeat(plan: UsesPlan): boolean {
  // http_fetch may POST; nothing tells whether the request reached the server.
  return plan.kind === 'connector' && plan.action.idempotent === true;
}

function outcomeUnknown(prior: StepRecord, plan: UsesPlan): StepError {
  const target =
    plan.kind === 'connector'
      ? `${plan.action.key} of ${plan.connector.package}@${plan.connector.version}`
      : `the built-in ${plan.name}`;
  const what =
    plan.kind === 'connector'
      ? `${plan.connector.package}@${plan.connector.version} does not declare ${plan.action.key} idempotent`
      : `${plan.name} may change something on the server`;
  return new StepError({
    code: 'E_OUTCOME_UNKNOWN',
    kind: 'unknown',
    message: `step "${prior.key}" (${target}) was in flight when the process running the run stopped: its outcome is unknown, and ${what}, so it was not run again`,
    hint: 'Check in the service whether the call took effect (was the record created, the message sent?), then finish the work by hand or start a new run.',
    step: prior.id,
    pointer: prior.pointer,
    ...(plan.kind === 'connector'
      ? { connector: `${plan.connector.package}@${plan.connector.version}`, actionKey: plan.action.key }
      : {}),
  });
}
