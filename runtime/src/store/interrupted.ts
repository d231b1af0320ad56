import type { StepErrorInfo } from '../errors.js';
import type { RunOwner } from './types.js';

/** The error recorded on a run whose process died while it ran. */
export function interruptedError(owner: RunOwner): StepErrorInfo {
  return {
    kind: 'unknown',
    message: `the process running this run (pid ${owner.pid} on ${owner.host}) stopped before the run finished`,
    hint: 'Run the workflow again; the steps that completed are listed in the run.',
  };
}
