import { describe, expect, it } from 'vitest';
import { childController } from './abort.js';

describe('childController', () => {
  it('aborts with the outer signal and its reason', () => {
    const outer = new AbortController();
    const { controller } = childController(outer.signal);
    outer.abort(new Error('run cancelled'));
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.reason).toEqual(new Error('run cancelled'));
  });

  it('starts aborted when the outer signal already is', () => {
    const { controller } = childController(AbortSignal.abort('gone'));
    expect(controller.signal.reason).toBe('gone');
  });

  it('aborts alone without touching the outer signal', () => {
    const outer = new AbortController();
    const { controller } = childController(outer.signal);
    controller.abort('step timed out');
    expect(outer.signal.aborted).toBe(false);
    outer.abort('later');
    expect(controller.signal.reason).toBe('step timed out');
  });

  it('no longer follows the outer signal once released', () => {
    const outer = new AbortController();
    const { controller, release } = childController(outer.signal);
    release();
    outer.abort();
    expect(controller.signal.aborted).toBe(false);
  });
});
