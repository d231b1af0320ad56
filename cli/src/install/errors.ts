import { LockfileError, ResolveError, SourceError } from '@mova/runtime';
import { displayPath } from '../paths.js';
import { IssuesError, UserError } from '../user-error.js';

/**
 * Turns what the runtime's registry, store and lockfile code reject with into the CLI's one-line
 * errors: an unreachable registry, a refused tarball, a damaged store entry, a broken lockfile
 * (one located line per problem). Anything else is a bug and keeps its stack.
 */
export function asUserError(error: unknown): unknown {
  if (error instanceof LockfileError) {
    const file = displayPath(error.file);
    return new IssuesError(
      `${file} is invalid`,
      error.issues.map((issue) => ({ file, ...issue })),
    );
  }
  if (error instanceof SourceError || error instanceof ResolveError) return new UserError(error.message, error.hint, 1);
  return error;
}
