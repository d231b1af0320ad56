/** What a run needs to pause durably; the engine of `mova-connector serve` gives it. */
export interface PauseSupport {
  /** Signed single-use URLs deciding an approval step, valid until `expiresAt` (ms). */
  links(runId: string, stepKey: string, expiresAt: number): { approve: string; reject: string };
  /** The engine's clock (ms), so due times follow the clock tests give the engine. */
  now(): number;
}

/**
 * The run pauses here (an approval, a long wait): not a failure, so no `try` catches it and no
 * retry repeats it. It ends the run's drive, which is recorded `waiting` until `dueAt` (ms) or a decision.
 */
export class RunPaused extends Error {
  constructor(readonly dueAt: number | undefined) {
    super('the run is waiting');
    this.name = 'RunPaused';
  }

  /** One pause for several (parallel branches): the earliest due time. */
  static earliest(pauses: RunPaused[]): RunPaused {
    const due = pauses.map((p) => p.dueAt).filter((d): d is number => d !== undefined);
    return new RunPaused(due.length > 0 ? Math.min(...due) : undefined);
  }
}

/** What an approval step records while it waits: its output until someone decides. */
export interface WaitingApproval {
  message: string;
  links: { approve: string; reject: string };
  expiresAt: string;
  onTimeout: 'approve' | 'reject';
  approvers?: string[];
}

/** What a durable wait records while it waits. */
export interface WaitingWait {
  until: string;
}

/** The due time of a waiting step's record, in ms. */
export function dueOf(output: unknown): number | undefined {
  if (!output || typeof output !== 'object') return undefined;
  const at = 'expiresAt' in output ? output.expiresAt : 'until' in output ? output.until : undefined;
  const ms = typeof at === 'string' ? Date.parse(at) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}
