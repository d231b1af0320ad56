import { LockfileError } from '@mova/runtime';
import { displayPath } from '../paths.js';
import { IssuesError } from '../user-error.js';

/**
 * Turns a broken lockfile into one located line per problem. The runtime's other refusals (an
 * unreachable registry, a refused tarball, a damaged store entry) are `MovaError`s, which the
 * command base prints as they are; anything else is a bug and keeps its stack.
 */
export function asUserError(error: unknown): unknown {
  if (error instanceof LockfileError) {
    const file = displayPath(error.file);
    return new IssuesError(
      `${file} is invalid`,
      error.issues.map((issue) => ({ file, ...issue })),
    );
  }
  return error;
}
