import { describe, expect, it } from 'vitest';
import { type BreakerSnapshot, CircuitBreaker } from './circuit-breaker.js';
import { CircuitOpenError } from './circuit-open-error.js';

function breaker(failures = 3, coolDownMs = 30_000) {
  const clock = { now: 1_000_000 };
  const changes: BreakerSnapshot[] = [];
  const b = new CircuitBreaker(
    '@mova/connector-x@1.0.0',
    'prod',
    { failures, coolDownMs },
    () => clock.now,
    (s) => changes.push(s),
  );
  return { b, clock, changes };
}

function fail(b: CircuitBreaker, times: number) {
  for (let i = 0; i < times; i++) b.record(b.admit(), 'failure');
}

describe('CircuitBreaker', () => {
  it('opens after the given number of consecutive failures and fails fast with E_CIRCUIT_OPEN', () => {
    const { b, clock } = breaker(3);
    fail(b, 2);
    expect(b.snapshot()).toMatchObject({ state: 'closed', failures: 2 });
    fail(b, 1);
    expect(b.snapshot()).toEqual({
      connector: '@mova/connector-x@1.0.0',
      connection: 'prod',
      state: 'open',
      failures: 3,
      openedAt: new Date(clock.now).toISOString(),
      nextProbeAt: new Date(clock.now + 30_000).toISOString(),
    });
    let thrown: unknown;
    try {
      b.admit();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CircuitOpenError);
    const error = thrown as CircuitOpenError;
    expect(error.code).toBe('E_CIRCUIT_OPEN');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('@mova/connector-x@1.0.0 with the connection "prod" is failing');
    expect(error.message).toContain(new Date(clock.now + 30_000).toISOString());
    expect(error.hint).toContain('circuitBreaker');
    expect(error.info()).toMatchObject({ code: 'E_CIRCUIT_OPEN', kind: 'transient' });
  });

  it('a success resets the count, so only consecutive failures open it', () => {
    const { b } = breaker(3);
    fail(b, 2);
    b.record(b.admit(), 'success');
    fail(b, 2);
    expect(b.snapshot()).toMatchObject({ state: 'closed', failures: 2 });
  });

  it('neutral outcomes neither count nor reset', () => {
    const { b } = breaker(3);
    fail(b, 2);
    b.record(b.admit(), 'neutral');
    expect(b.snapshot()).toMatchObject({ state: 'closed', failures: 2 });
  });

  it('after the cool-down lets exactly one probe through; its success closes the breaker', () => {
    const { b, clock, changes } = breaker(2, 10_000);
    fail(b, 2);
    clock.now += 9_999;
    expect(() => b.admit()).toThrow(CircuitOpenError);
    clock.now += 1;
    const probe = b.admit();
    expect(probe.probe).toBe(true);
    expect(b.snapshot().state).toBe('half-open');
    // Others fail fast while the probe is in flight.
    expect(() => b.admit()).toThrow(/a probe call is in flight/);
    b.record(probe, 'success');
    expect(b.snapshot()).toEqual({
      connector: '@mova/connector-x@1.0.0',
      connection: 'prod',
      state: 'closed',
      failures: 0,
    });
    expect(b.admit().probe).toBe(false);
    expect(changes.map((c) => c.state)).toEqual(['closed', 'open', 'half-open', 'closed']);
  });

  it('a failed probe opens it again for a new cool-down', () => {
    const { b, clock } = breaker(2, 10_000);
    fail(b, 2);
    clock.now += 10_000;
    b.record(b.admit(), 'failure');
    expect(b.snapshot()).toMatchObject({ state: 'open', nextProbeAt: new Date(clock.now + 10_000).toISOString() });
    expect(() => b.admit()).toThrow(CircuitOpenError);
  });

  it('a neutral probe leaves the next call to probe', () => {
    const { b, clock } = breaker(1, 10_000);
    fail(b, 1);
    clock.now += 10_000;
    b.record(b.admit(), 'neutral');
    expect(b.snapshot().state).toBe('open');
    expect(b.admit().probe).toBe(true);
  });

  it('ignores outcomes of calls let through before it changed state', () => {
    const { b, clock } = breaker(1, 10_000);
    const slow = b.admit();
    fail(b, 1);
    b.record(slow, 'success');
    expect(b.snapshot().state).toBe('open');
    clock.now += 10_000;
    const probe = b.admit();
    b.record(slow, 'failure');
    expect(b.snapshot().state).toBe('half-open');
    b.record(probe, 'success');
    expect(b.snapshot().state).toBe('closed');
  });
});
