import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadlines } from './deadlines.js';

describe('Deadlines', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires each deadline once its time has passed, and a deleted one never', () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    deadlines.add(100, () => fired.push('a'));
    const b = deadlines.add(150, () => fired.push('b'));
    deadlines.add(200, () => fired.push('c'));
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['a']);
    deadlines.delete(b);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(['a', 'c']);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual(['a', 'c']);
  });

  it('fires a shorter deadline added after a longer one at its own time', () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    deadlines.add(5000, () => fired.push('long'));
    deadlines.add(10, () => fired.push('short'));
    vi.advanceTimersByTime(10);
    expect(fired).toEqual(['short']);
    vi.advanceTimersByTime(4990);
    expect(fired).toEqual(['short', 'long']);
  });

  it('keeps firing deadlines added after the timer emptied, and none after clear', () => {
    const deadlines = new Deadlines();
    const fired: number[] = [];
    const first = deadlines.add(50, () => fired.push(1));
    deadlines.delete(first);
    deadlines.add(80, () => fired.push(2));
    vi.advanceTimersByTime(80);
    expect(fired).toEqual([2]);
    deadlines.add(30, () => fired.push(3));
    deadlines.clear();
    vi.advanceTimersByTime(100);
    expect(fired).toEqual([2]);
  });

  it('lets a firing deadline add another', () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    deadlines.add(20, () => {
      fired.push('first');
      deadlines.add(20, () => fired.push('second'));
    });
    vi.advanceTimersByTime(20);
    expect(fired).toEqual(['first']);
    vi.advanceTimersByTime(20);
    expect(fired).toEqual(['first', 'second']);
  });
});
