import { ERROR_KINDS, type ErrorKind, StepError } from '../errors.js';

const KINDS: ReadonlySet<string> = new Set(ERROR_KINDS);

/**
 * Turns whatever a step threw into a StepError. A ConnectorError is recognised by its shape, not
 * its class: each bundle carries its own copy of the SDK.
 */
export function toStepError(error: unknown, connector?: string): StepError {
  if (error instanceof StepError) return error;
  if (isConnectorErrorLike(error)) {
    const kind: ErrorKind = KINDS.has(error.kind) ? (error.kind as ErrorKind) : 'unknown';
    return new StepError(
      {
        kind,
        message: connector ? `${connector}: ${error.message}` : error.message,
        hint: typeof error.hint === 'string' ? error.hint : undefined,
        status: typeof error.status === 'number' ? error.status : undefined,
        retryAfter: typeof error.retryAfter === 'number' ? error.retryAfter : undefined,
        actionKey: typeof error.actionKey === 'string' ? error.actionKey : undefined,
        connector,
        retryable: typeof error.retryable === 'boolean' ? error.retryable : undefined,
      },
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StepError(
    {
      kind: 'unknown',
      message: connector ? `${connector} threw: ${message}` : message,
      connector,
      hint: connector ? 'The connector failed unexpectedly; its error is above.' : undefined,
    },
    { cause: error },
  );
}

interface ConnectorErrorLike {
  message: string;
  kind: string;
  hint?: unknown;
  status?: unknown;
  retryAfter?: unknown;
  actionKey?: unknown;
  retryable?: unknown;
}

function isConnectorErrorLike(error: unknown): error is ConnectorErrorLike {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === 'E_CONNECTOR' &&
    typeof (error as { kind?: unknown }).kind === 'string'
  );
}
