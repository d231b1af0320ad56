import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from './clock.js';
import { Schedule, type ScheduleState } from './scheduler.js';
import { StateFile } from './state.js';

/** A clock whose time moves only when the test says so; due timers run in order of their time. */
class FakeClock implements Clock {
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  constructor(private time: number) {}
  now() {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number) {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers.delete(handle as number);
  }
  /** Moves time forward, running each timer that comes due (and awaiting the schedule's bookkeeping). */
  async advance(ms: number, schedule: Schedule) {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].callback();
      await schedule.settled();
    }
    this.time = end;
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mova-schedule-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function schedule(
  clock: Clock,
  fired: string[],
  options: { cron: string; timezone?: string; missed?: 'skip' | 'once' },
) {
  return new Schedule({
    ...options,
    clock,
    state: new StateFile<ScheduleState>(dir, 'schedules', 'report'),
    fire: (at) => fired.push(at.toISOString()),
  });
}

describe('Schedule', () => {
  it('fires at each cron time, once, and not before it', async () => {
    const clock = new FakeClock(Date.parse('2026-03-02T08:59:00Z'));
    const fired: string[] = [];
    const s = schedule(clock, fired, { cron: '0 9 * * *' });
    await s.start();
    expect(s.nextFire?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    await clock.advance(59_999, s);
    expect(fired).toEqual([]);
    await clock.advance(1, s);
    expect(fired).toEqual(['2026-03-02T09:00:00.000Z']);
    await clock.advance(24 * 3_600_000, s);
    expect(fired).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-03T09:00:00.000Z']);
    await s.stop();
  });

  it('reads the expression in its time zone, daylight saving included', async () => {
    // Berlin moves to summer time on 29 March 2026: 09:00 there is 08:00Z before, 07:00Z after.
    const clock = new FakeClock(Date.parse('2026-03-28T00:00:00Z'));
    const fired: string[] = [];
    const s = schedule(clock, fired, { cron: '0 9 * * *', timezone: 'Europe/Berlin' });
    await s.start();
    await clock.advance(2 * 24 * 3_600_000, s);
    expect(fired).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z']);
    await s.stop();
  });

  it('after downtime, skips missed fire times by default and fires once for them with missed: once', async () => {
    const start = Date.parse('2026-03-02T10:00:30Z');
    for (const [missed, expected] of [
      ['skip', []],
      ['once', ['2026-03-02T10:01:00.000Z']],
    ] as const) {
      await rm(join(dir, 'engine'), { recursive: true, force: true });
      const fired: string[] = [];
      const before = new FakeClock(start);
      const first = schedule(before, fired, { cron: '* * * * *', missed });
      await first.start();
      await first.stop();
      // Down for five fire times.
      const after = new FakeClock(start + 5 * 60_000);
      const second = schedule(after, fired, { cron: '* * * * *', missed });
      await second.start();
      expect(fired).toEqual(expected);
      expect(second.nextFire?.toISOString()).toBe('2026-03-02T10:06:00.000Z');
      await second.stop();
    }
  });

  it('never fires a fire time twice across a restart', async () => {
    const clock = new FakeClock(Date.parse('2026-03-02T10:00:30Z'));
    const fired: string[] = [];
    const first = schedule(clock, fired, { cron: '* * * * *', missed: 'once' });
    await first.start();
    await clock.advance(30_000, first);
    expect(fired).toEqual(['2026-03-02T10:01:00.000Z']);
    await first.stop();
    // Restarted within the same minute: 10:01 was handled, so nothing fires until 10:02.
    const again = schedule(clock, fired, { cron: '* * * * *', missed: 'once' });
    await again.start();
    expect(fired).toEqual(['2026-03-02T10:01:00.000Z']);
    await clock.advance(60_000, again);
    expect(fired).toEqual(['2026-03-02T10:01:00.000Z', '2026-03-02T10:02:00.000Z']);
    await again.stop();
  });
});
