import { CircuitOpenError } from './circuit-open-error.js';

export type BreakerState = 'closed' | 'half-open' | 'open';

/** What a breaker shows: `runtime.breakers()`, the API and the `mova_breaker_state` gauge read it. */
export interface BreakerSnapshot {
  /** `package@version` of the connector. */
  connector: string;
  /** The connection's name; null for a step without one. */
  connection: string | null;
  state: BreakerState;
  /** Consecutive counted failures (transient, rate_limit, timeout) since the last success. */
  failures: number;
  /** When it last opened (ISO time), while open or half-open. */
  openedAt?: string;
  /** When it lets one probe call through (ISO time), while open. */
  nextProbeAt?: string;
}

export interface BreakerSettings {
  /** Consecutive counted failures that open the breaker. */
  failures: number;
  /** How long it stays open before one probe call is let through. */
  coolDownMs: number;
}

/** How a call ended, as far as the service's health goes. */
export type CallOutcome = 'success' | 'failure' | 'neutral';

/** A call let through: its outcome counts only while the breaker is still in the phase it was let in. */
export interface Permit {
  readonly phase: number;
  readonly probe: boolean;
}

/**
 * A circuit breaker for one connector version and connection. Closed: calls go through and
 * consecutive failures are counted; at `failures` it opens. Open: calls fail fast with a
 * CircuitOpenError until the cool-down ends; then the next call is the one probe (half-open) and
 * the others keep failing fast. The probe's success closes it, its failure opens it again.
 * Outcomes of calls let through in an earlier phase (a slow call that ends after the breaker
 * opened) are ignored.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private openedAt: number | undefined;
  private phase = 0;

  constructor(
    readonly connector: string,
    readonly connection: string | null,
    private readonly settings: BreakerSettings,
    private readonly now: () => number,
    private readonly onChange: (snapshot: BreakerSnapshot) => void = () => {},
  ) {}

  /** Lets a call through, or throws a CircuitOpenError. */
  admit(): Permit {
    if (this.state === 'closed') return { phase: this.phase, probe: false };
    const nextProbeAt = (this.openedAt ?? 0) + this.settings.coolDownMs;
    if (this.state === 'open' && this.now() >= nextProbeAt) {
      this.enter('half-open');
      return { phase: this.phase, probe: true };
    }
    throw new CircuitOpenError({
      connector: this.connector,
      connection: this.connection,
      failures: this.settings.failures,
      probing: this.state === 'half-open',
      nextProbeAt: new Date(nextProbeAt),
    });
  }

  /** Records how a call that `admit` let through ended. */
  record(permit: Permit, outcome: CallOutcome): void {
    if (permit.phase !== this.phase) return;
    if (this.state === 'half-open') {
      if (outcome === 'success') this.close();
      else if (outcome === 'failure') this.open();
      // A neutral probe (cancelled, a connector bug) proves nothing: the next call probes again.
      else this.enter('open', this.openedAt);
      return;
    }
    if (outcome === 'success') {
      if (this.failures > 0) {
        this.failures = 0;
        this.onChange(this.snapshot());
      }
    } else if (outcome === 'failure') {
      this.failures++;
      if (this.failures >= this.settings.failures) this.open();
      else this.onChange(this.snapshot());
    }
  }

  snapshot(): BreakerSnapshot {
    const snapshot: BreakerSnapshot = {
      connector: this.connector,
      connection: this.connection,
      state: this.state,
      failures: this.failures,
    };
    if (this.openedAt !== undefined) {
      snapshot.openedAt = new Date(this.openedAt).toISOString();
      if (this.state === 'open') {
        snapshot.nextProbeAt = new Date(this.openedAt + this.settings.coolDownMs).toISOString();
      }
    }
    return snapshot;
  }

  private open(): void {
    this.enter('open', this.now());
  }

  private close(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.enter('closed');
  }

  private enter(state: BreakerState, openedAt = this.openedAt): void {
    this.state = state;
    this.openedAt = openedAt;
    this.phase++;
    this.onChange(this.snapshot());
  }
}
