import { describe, expect, it } from 'vitest';
import { AbortScope, sleep } from './abort.js';

describe('AbortScope', () => {
  it('aborts a child with its parent and the parent reason, signal included', () => {
    const outer = new AbortController();
    const run = AbortScope.following(outer.signal);
    const step = run.child();
    const early = step.signal;
    outer.abort(new Error('run cancelled'));
    expect(run.aborted).toBe(true);
    expect(step.reason).toEqual(new Error('run cancelled'));
    expect(early.aborted).toBe(true);
    expect(early.reason).toEqual(new Error('run cancelled'));
  });

  it("gives the caller's signal itself as a run's signal", () => {
    const outer = new AbortController();
    expect(AbortScope.following(outer.signal).signal).toBe(outer.signal);
    expect(AbortScope.following().signal.aborted).toBe(false);
  });

  it('starts aborted under an aborted parent, and a late signal is aborted too', () => {
    const step = AbortScope.following(AbortSignal.abort('gone')).child();
    expect(step.reason).toBe('gone');
    expect(step.signal.reason).toBe('gone');
  });

  it('aborts alone without touching its parent, and keeps its first reason', () => {
    const run = AbortScope.following();
    const step = run.child();
    step.abort('step timed out');
    expect(run.aborted).toBe(false);
    run.abort('later');
    expect(step.reason).toBe('step timed out');
  });

  it('no longer follows its parent or the caller once released', () => {
    const outer = new AbortController();
    const run = AbortScope.following(outer.signal);
    const step = run.child();
    step.release();
    run.release();
    outer.abort();
    expect(run.aborted).toBe(false);
    run.abort('cancelled');
    expect(step.aborted).toBe(false);
  });

  it('races a promise: its value, or the reason once the scope aborts', async () => {
    const scope = AbortScope.following();
    await expect(scope.race(Promise.resolve(1))).resolves.toBe(1);
    const pending = scope.race(new Promise(() => {}));
    scope.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(scope.race(Promise.resolve(2))).rejects.toThrow('stop');
  });

  it('ends a sleep early with the reason', async () => {
    const scope = AbortScope.following();
    const waiting = sleep(60_000, scope);
    scope.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    await expect(sleep(0, AbortScope.following())).resolves.toBeUndefined();
  });
});
