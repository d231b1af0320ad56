import { MovaError } from '@mova/sdk/host';
import type { WorkflowIssue } from '../errors.js';

// Apart from lockfile.ts (its parser and writer) so that a run looking for a lockfile, and the
// `@mova/runtime` root exporting this error, load neither.
export const LOCKFILE_NAME = 'mova.lock.json';

/** A lockfile that cannot be used; every problem is located by a JSON pointer into it. */
export class LockfileError extends MovaError {
  constructor(
    readonly file: string,
    readonly issues: WorkflowIssue[],
  ) {
    const first = issues[0];
    super('E_LOCKFILE', `${file}#${first?.pointer ?? ''}: ${first?.message ?? 'is invalid'}`, first?.hint);
    this.name = 'LockfileError';
  }
}
