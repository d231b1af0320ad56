import { type ErrorKind, StepError } from '../errors.js';

export type SandboxFailure =
  | 'timeout'
  | 'cancelled'
  | 'crashed'
  | 'out_of_memory'
  | 'network'
  | 'load'
  | 'output'
  | 'files'
  | 'tokens';

const KINDS: Record<SandboxFailure, ErrorKind> = {
  timeout: 'timeout',
  cancelled: 'cancelled',
  crashed: 'unknown',
  out_of_memory: 'limit',
  network: 'forbidden',
  load: 'unknown',
  output: 'limit',
  // The connection names a file the sandbox cannot grant (a relative path, a missing directory).
  files: 'invalid_input',
  // The sandbox sent a token set that is not one (extra fields, a connection name, huge values).
  tokens: 'forbidden',
};

/**
 * A step failed because of its sandbox, not because the vendor said no. Only a timeout may pass
 * on a second try; a crash, a denied host or a bundle that does not load will not.
 */
export class SandboxError extends StepError {
  constructor(
    readonly failure: SandboxFailure,
    message: string,
    details: { connector: string; actionKey?: string; hint?: string },
  ) {
    super({ kind: KINDS[failure], message, ...details, retryable: failure === 'timeout' });
    this.name = 'SandboxError';
  }
}
