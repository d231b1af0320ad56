import { describe, expect, it } from 'vitest';
import { StepError } from '../errors.js';
import { Breakers, callOutcome } from './breakers.js';
import type { BreakerSnapshot } from './circuit-breaker.js';

const transient = Object.assign(new Error('503'), { code: 'E_CONNECTOR', kind: 'transient' });
const notFound = Object.assign(new Error('404'), { code: 'E_CONNECTOR', kind: 'not_found' });
const live = new AbortController().signal;

describe('callOutcome', () => {
  it('counts transient, rate_limit and timeout failures', () => {
    expect(callOutcome(transient, live, 's')).toBe('failure');
    expect(callOutcome(Object.assign(new Error('429'), { code: 'E_CONNECTOR', kind: 'rate_limit' }), live, 's')).toBe(
      'failure',
    );
    expect(callOutcome(new StepError({ kind: 'timeout', message: 't' }), live, 's')).toBe('failure');
  });

  it('takes an answer from the service as a success and a connector bug as neutral', () => {
    expect(callOutcome(notFound, live, 's')).toBe('success');
    expect(callOutcome(new TypeError('x is undefined'), live, 's')).toBe('neutral');
  });

  it("counts the step's own timeout, not a cancelled run or an enclosing step's timeout", () => {
    const own = new AbortController();
    own.abort(new StepError({ kind: 'timeout', message: 'timed out', step: 's' }));
    expect(callOutcome(new Error('aborted'), own.signal, 's')).toBe('failure');
    const outer = new AbortController();
    outer.abort(new StepError({ kind: 'timeout', message: 'timed out', step: 'group' }));
    expect(callOutcome(new Error('aborted'), outer.signal, 's')).toBe('neutral');
    const cancelled = new AbortController();
    cancelled.abort();
    expect(callOutcome(transient, cancelled.signal, 's')).toBe('neutral');
  });
});

describe('Breakers', () => {
  const outcome = (error: unknown) => callOutcome(error, live, 's');

  it('keeps one breaker per connector version and connection, and reports changes', async () => {
    const clock = { now: 0 };
    const changes: BreakerSnapshot[] = [];
    const breakers = new Breakers({ failures: 2, coolDown: '1m', now: () => clock.now });
    breakers.onChange((s) => changes.push(s));
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(transient);
    };
    for (let i = 0; i < 2; i++) await expect(breakers.call('x@1.0.0', 'a', outcome, failing)).rejects.toBe(transient);
    await expect(breakers.call('x@1.0.0', 'a', outcome, failing)).rejects.toMatchObject({ code: 'E_CIRCUIT_OPEN' });
    expect(calls).toBe(2);
    // Another connection and another version have breakers of their own.
    await expect(breakers.call('x@1.0.0', 'b', outcome, async () => 'ok')).resolves.toBe('ok');
    await expect(breakers.call('x@2.0.0', 'a', outcome, async () => 'ok')).resolves.toBe('ok');
    expect(breakers.list().map((b) => [b.connector, b.connection, b.state, b.failures])).toEqual([
      ['x@1.0.0', 'a', 'open', 2],
      ['x@1.0.0', 'b', 'closed', 0],
      ['x@2.0.0', 'a', 'closed', 0],
    ]);
    clock.now = 60_000;
    await expect(breakers.call('x@1.0.0', 'a', outcome, async () => 'back')).resolves.toBe('back');
    expect(breakers.list()[0]).toMatchObject({ state: 'closed', failures: 0 });
    expect(changes.filter((c) => c.connection === 'a' && c.connector === 'x@1.0.0').map((c) => c.state)).toEqual([
      'closed',
      'closed',
      'open',
      'half-open',
      'closed',
    ]);
  });

  it('only calls when turned off', async () => {
    const breakers = new Breakers(false);
    for (let i = 0; i < 10; i++)
      await expect(breakers.call('x@1', null, outcome, () => Promise.reject(transient))).rejects.toBe(transient);
    expect(breakers.list()).toEqual([]);
  });

  it('refuses settings that are not a count and a duration', () => {
    expect(() => new Breakers({ failures: 0 })).toThrow(/at least 1/);
    expect(() => new Breakers({ coolDown: 'soon' })).toThrow(/duration such as 30s/);
  });
});
