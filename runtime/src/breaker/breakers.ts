import { parseDuration } from '../duration.js';
import { StepError } from '../errors.js';
import { toStepError } from '../executor/failure.js';
import { type BreakerSettings, type BreakerSnapshot, type CallOutcome, CircuitBreaker } from './circuit-breaker.js';

/** `createRuntime({ circuitBreaker })`: the defaults are 5 failures and a 30 s cool-down. */
export interface CircuitBreakerOptions {
  /** Consecutive transient, rate-limit or timeout failures that open a breaker (default 5). */
  failures?: number;
  /** How long an open breaker fails calls fast before one probe: `30s`, `2m`, or milliseconds (default 30 s). */
  coolDown?: string | number;
  /** The clock (ms since the epoch); tests pass a fake one. */
  now?: () => number;
}

export const DEFAULT_BREAKER: BreakerSettings = { failures: 5, coolDownMs: 30_000 };

/** The kinds that say the service is unwell; each failed try (a retry too) counts once. */
const COUNTED = new Set(['transient', 'rate_limit', 'timeout']);
/** Failures that say nothing about the service: the run was stopped, or the connector or its sandbox broke. */
const NEUTRAL = new Set(['cancelled', 'unknown', 'limit', 'forbidden']);

/**
 * How a connector call ended for its breaker. A timeout counts only when it is the step's own (an
 * enclosing step's timeout or a cancelled run aborts it too, and says nothing about the service);
 * an answer such as not_found or auth shows the service is up, so it counts as a success.
 */
export function callOutcome(error: unknown, signal: AbortSignal, stepId: string): CallOutcome {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    return reason instanceof StepError && reason.kind === 'timeout' && reason.step === stepId ? 'failure' : 'neutral';
  }
  const { kind } = toStepError(error);
  if (COUNTED.has(kind)) return 'failure';
  return NEUTRAL.has(kind) ? 'neutral' : 'success';
}

/**
 * The runtime's circuit breakers, one per connector version and connection, created on first use.
 * Disabled (`circuitBreaker: false`), `call` only calls.
 */
export class Breakers {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly settings: BreakerSettings | undefined;
  private readonly now: () => number;
  private readonly listeners: ((snapshot: BreakerSnapshot) => void)[] = [];

  constructor(options: CircuitBreakerOptions | false = {}) {
    this.settings = options === false ? undefined : settingsOf(options);
    this.now = (options === false ? undefined : options.now) ?? Date.now;
  }

  /** Called with a breaker's new snapshot on every change (a counted failure, opening, probing, closing). */
  onChange(listener: (snapshot: BreakerSnapshot) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Runs `invoke` through the breaker of `connector` + `connection`: throws a CircuitOpenError
   * without calling it while the breaker is open, else records its outcome.
   */
  async call<T>(
    connector: string,
    connection: string | null,
    outcomeOf: (error: unknown) => CallOutcome,
    invoke: () => Promise<T>,
  ): Promise<T> {
    if (!this.settings) return invoke();
    const breaker = this.breakerFor(connector, connection, this.settings);
    const permit = breaker.admit();
    let result: T;
    try {
      result = await invoke();
    } catch (error) {
      breaker.record(permit, outcomeOf(error));
      throw error;
    }
    breaker.record(permit, 'success');
    return result;
  }

  /** Every breaker used so far, by connector and connection. */
  list(): BreakerSnapshot[] {
    return [...this.breakers.values()]
      .map((breaker) => breaker.snapshot())
      .sort((a, b) => a.connector.localeCompare(b.connector) || (a.connection ?? '').localeCompare(b.connection ?? ''));
  }

  private breakerFor(connector: string, connection: string | null, settings: BreakerSettings): CircuitBreaker {
    const key = JSON.stringify([connector, connection]);
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker(connector, connection, settings, this.now, (snapshot) => {
        for (const listener of this.listeners) listener(snapshot);
      });
      this.breakers.set(key, breaker);
      for (const listener of this.listeners) listener(breaker.snapshot());
    }
    return breaker;
  }
}

function settingsOf(options: CircuitBreakerOptions): BreakerSettings {
  const failures = options.failures ?? DEFAULT_BREAKER.failures;
  if (!Number.isInteger(failures) || failures < 1) {
    throw new TypeError(`circuitBreaker.failures must be a whole number of at least 1, not ${String(failures)}`);
  }
  const coolDown = options.coolDown ?? DEFAULT_BREAKER.coolDownMs;
  const coolDownMs = typeof coolDown === 'number' ? coolDown : parseDuration(coolDown);
  if (coolDownMs === undefined || !Number.isFinite(coolDownMs) || coolDownMs < 0) {
    throw new TypeError(
      `circuitBreaker.coolDown must be a duration such as 30s or 2m, or milliseconds, not ${JSON.stringify(coolDown)}`,
    );
  }
  return { failures, coolDownMs };
}
