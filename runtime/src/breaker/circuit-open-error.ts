import { StepError } from '../errors.js';

/**
 * A step failed fast: its connector's circuit breaker is open, so the sandbox was not called.
 * Kind `transient` (a `try` catching transient failures catches it) but never retried by the
 * step's `retry`: retrying into an open breaker only fails fast again.
 */
export class CircuitOpenError extends StepError {
  readonly nextProbeAt: Date;

  constructor(details: {
    connector: string;
    connection: string | null;
    failures: number;
    probing: boolean;
    nextProbeAt: Date;
  }) {
    const via = details.connection === null ? '' : ` with the connection "${details.connection}"`;
    const when = details.probing
      ? 'a probe call is in flight; the breaker closes when it succeeds'
      : `it lets one probe call through at ${details.nextProbeAt.toISOString()}`;
    super({
      code: 'E_CIRCUIT_OPEN',
      kind: 'transient',
      connector: details.connector,
      retryable: false,
      message: `${details.connector}${via} is failing: its circuit breaker opened after ${details.failures} consecutive transient, rate-limit or timeout failures, so this call was not made; ${when}`,
      hint: 'Check the service and the connection. The threshold and cool-down are createRuntime({ circuitBreaker: { failures, coolDown } }); circuitBreaker: false turns breakers off.',
    });
    this.name = 'CircuitOpenError';
    this.nextProbeAt = details.nextProbeAt;
  }
}
