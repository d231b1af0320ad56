import { MovaError } from '@mova/sdk/host';

/**
 * A mistake the user can fix: printed as one line, `message (hint)`, never a stack trace.
 * Exit code 2 is a usage error (wrong flag, wrong folder, code `E_USAGE`), 1 a failure of the
 * thing being checked (`E_FAILED`). Errors of the runtime, registry and SDK are `MovaError`s too
 * and are printed the same way, without being wrapped in this one.
 */
export class UserError extends MovaError {
  constructor(
    message: string,
    hint?: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(exitCode === 2 ? 'E_USAGE' : 'E_FAILED', message, hint);
  }
}

/** One problem at a place in a file: `file#pointer` (JSON pointer, RFC 6901) or just `file`. */
export interface LocatedIssue {
  file: string;
  pointer: string;
  message: string;
  hint?: string;
}

/** Problems found in the user's files; each is printed on a line of its own. Exit code 1. */
export class IssuesError extends UserError {
  constructor(
    message: string,
    readonly issues: LocatedIssue[],
  ) {
    super(message, undefined, 1);
    this.name = 'IssuesError';
  }
}

/**
 * The one-line form every located problem is printed in.
 * @example
 * formatLocated({ file: 'mova.manifest.json', pointer: '/actions/0/output', message: 'is required' })
 * // 'mova.manifest.json#/actions/0/output: is required'
 */
export function formatLocated(issue: LocatedIssue): string {
  const where = issue.pointer ? `${issue.file}#${issue.pointer}` : issue.file;
  return `${where}: ${oneLine(issue.message)}${issue.hint ? ` (${oneLine(issue.hint)})` : ''}`;
}

/** Messages from libraries (ajv, esbuild, npm) can span lines; a located problem stays on one. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
