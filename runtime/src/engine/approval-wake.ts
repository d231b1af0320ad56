import type { AuditLog } from '../audit/audit-log.js';
import { dueOf, type WaitingApproval } from '../executor/pause.js';
import type { RunRecord, RunStore } from '../store/types.js';

/** What a look at a waiting run found: how many steps still wait, and the earliest time one is due (ms). */
export interface WakeCheck {
  waiting: number;
  next?: number;
}

/**
 * Gives every waiting step of a run whose time has come its default outcome: an approval its
 * `onTimeout` (then `timedOut` is told, for the audit log), a wait its end. Each goes through the store's
 * `decideStep`, so when several processes look at once (servers, queue workers), one applies it.
 * The run is resumable when `waiting` is 0; else it is due again at `next`.
 */
export async function settleDue(
  store: Pick<RunStore, 'decideStep'>,
  run: RunRecord,
  now: number,
  timedOut?: (step: string, approved: boolean) => Promise<void>,
): Promise<WakeCheck> {
  let waiting = 0;
  let next: number | undefined;
  for (const step of run.steps) {
    if (step.status !== 'waiting') continue;
    const due = dueOf(step.output);
    if (due !== undefined && due <= now) {
      // decideStep is false only when the step no longer waits (decided meanwhile): either way it is settled.
      const decidedAt = new Date(now).toISOString();
      if (step.kind !== 'approval') {
        await store.decideStep(run.id, step.key, { status: 'completed', endedAt: decidedAt, output: null });
        continue;
      }
      const approved = (step.output as WaitingApproval).onTimeout === 'approve';
      const output = { approved, decidedBy: 'timeout', decidedAt };
      if (await store.decideStep(run.id, step.key, { status: 'completed', endedAt: decidedAt, output })) {
        await timedOut?.(step.key, approved);
      }
      continue;
    }
    waiting++;
    if (due !== undefined) next = Math.min(next ?? due, due);
  }
  return { waiting, ...(next === undefined ? {} : { next }) };
}

/** Records an approval decision in the audit log; a failing log never undoes the decision. */
export async function auditDecision(
  audit: AuditLog | undefined,
  decided: { workflow: string; runId: string; step: string; approved: boolean },
  actor: string,
  how: { via: string; comment?: string },
  onError?: (error: unknown) => void,
): Promise<void> {
  await audit
    ?.record({
      action: decided.approved ? 'approval.approved' : 'approval.rejected',
      subject: decided.workflow,
      actor,
      details: {
        runId: decided.runId,
        step: decided.step,
        via: how.via,
        ...(how.comment ? { comment: how.comment } : {}),
      },
    })
    .catch((error: unknown) => onError?.(error));
}
