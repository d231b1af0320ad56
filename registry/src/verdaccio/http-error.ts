import type { HttpError } from './types.js';

/** An error Verdaccio answers with this status and `{ "error": message }`, which npm prints. */
export function httpError(status: number, message: string): HttpError {
  return Object.assign(new Error(message), { status, statusCode: status, expose: true });
}
