import { MovaError } from '@mova/sdk/host';
import { formatLocated, IssuesError, type LocatedIssue, oneLine, UserError } from './user-error.js';

/**
 * What the CLI prints for an error it can explain: the `--json` form is `{ error: Failure }`.
 * `code` is the error's stable `E_*` code, the one the docs' error reference lists.
 */
export interface Failure {
  code: string;
  message: string;
  hint?: string;
  /** 1: the thing being checked or run failed; 2: a usage mistake (a wrong flag, folder or connection). */
  exitCode: 1 | 2;
  issues?: LocatedIssue[];
}

/** Refusals of what the user gave (a connection), not of the thing being checked: exit code 2. */
const USAGE_CODES: ReadonlySet<string> = new Set(['E_CONNECTION']);

/**
 * The one mapping from an error to what the CLI prints. Every error a user can act on is a
 * MovaError (the CLI's own UserError included): its message and hint, never a stack trace.
 * Anything else is a bug: undefined, so the caller lets oclif print it with its stack.
 * @example
 * toFailure(new ResumeError('E_RUN_NOT_FOUND', 'there is no run r1', 'List runs with `mova-connector runs`.'))
 * // { code: 'E_RUN_NOT_FOUND', message: 'there is no run r1', hint: 'List runs …', exitCode: 1 }
 */
export function toFailure(error: Error): Failure | undefined {
  if (error instanceof IssuesError) {
    return { code: error.code, message: error.message, exitCode: 1, issues: error.issues };
  }
  if (error instanceof MovaError) {
    const exitCode = error instanceof UserError ? error.exitCode : USAGE_CODES.has(error.code) ? 2 : 1;
    const hint = error.hint === undefined ? {} : { hint: error.hint };
    return { code: error.code, message: error.message, ...hint, exitCode };
  }
  // Ctrl-C in a prompt: the user chose to stop, nothing went wrong that needs explaining.
  if (error.name === 'ExitPromptError') {
    return { code: 'E_CANCELLED', message: 'cancelled', hint: 'Run the command again when ready.', exitCode: 1 };
  }
  return undefined;
}

/** A failure a command reports itself, coded as a UserError of its exit code would be. */
export function failureOf(failure: Omit<Failure, 'code'> & { code?: string }): Failure {
  return { ...failure, code: failure.code ?? (failure.exitCode === 2 ? 'E_USAGE' : 'E_FAILED') };
}

/**
 * The lines printed on stderr: one per located issue, or `Error: message (hint)`. The code is
 * left to `--json`, so the line stays what a user reads.
 */
export function failureLines(failure: Failure, colour: (text: string) => string = (text) => text): string[] {
  if (failure.issues?.length) return failure.issues.map(formatLocated);
  const hint = failure.hint ? ` (${oneLine(failure.hint)})` : '';
  return [`${colour('Error:')} ${oneLine(failure.message)}${hint}`];
}
