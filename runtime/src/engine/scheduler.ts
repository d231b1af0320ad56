import { Cron } from 'croner';
import { type Clock, MAX_TIMER_MS } from './clock.js';
import type { StateFile } from './state.js';

export interface ScheduleOptions {
  cron: string;
  /** IANA time zone (default UTC). */
  timezone?: string;
  /** After downtime over fire times: skip them (default) or fire once for all of them. */
  missed?: 'skip' | 'once';
  clock: Clock;
  /** Where the time through which fire times were handled is kept between restarts. */
  state: StateFile<ScheduleState>;
  /** Starts the run of one fire time; called after that time is persisted as handled. */
  fire: (at: Date) => void;
}

export interface ScheduleState {
  /** Every fire time up to and including this one (ISO) was handled: fired, or skipped by policy. */
  handledUntil: string;
}

/**
 * One cron schedule. croner computes the fire times (time zones and daylight saving included);
 * the timers and the bookkeeping are ours, so a fake clock drives it in tests and a fire time is
 * persisted as handled before its run starts: no fire time runs twice, even across a crash or
 * a timer that wakes early. After downtime, `missed: "once"` fires once for the fire times that
 * passed while nothing ran; `skip` drops them.
 */
export class Schedule {
  private readonly cron: Cron;
  private handledUntil = 0;
  private timer: unknown;
  private next: number | undefined;
  private stopped = false;
  /** The bookkeeping of the tick in progress, so tests and `stop` can wait for it. */
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly options: ScheduleOptions) {
    this.cron = new Cron(options.cron, { paused: true, timezone: options.timezone ?? 'UTC' });
  }

  /** The next fire time, when armed. */
  get nextFire(): Date | undefined {
    return this.next === undefined ? undefined : new Date(this.next);
  }

  async start(): Promise<void> {
    const { clock, state } = this.options;
    const now = clock.now();
    const saved = await state.read();
    const until = saved ? Date.parse(saved.handledUntil) : Number.NaN;
    if (Number.isFinite(until) && until < now) {
      const due = this.after(until);
      this.handledUntil = now;
      await state.write({ handledUntil: new Date(now).toISOString() });
      if (due !== undefined && due <= now && this.options.missed === 'once') this.options.fire(new Date(due));
    } else {
      this.handledUntil = Number.isFinite(until) ? until : now;
      await state.write({ handledUntil: new Date(this.handledUntil).toISOString() });
    }
    this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    await this.work;
  }

  /** Resolves when the current tick's bookkeeping is done. */
  settled(): Promise<void> {
    return this.work;
  }

  private after(time: number): number | undefined {
    return this.cron.nextRun(new Date(time))?.getTime();
  }

  private arm() {
    if (this.stopped) return;
    const { clock } = this.options;
    this.next = this.after(this.handledUntil);
    if (this.next === undefined) return;
    const wait = Math.min(Math.max(0, this.next - clock.now()), MAX_TIMER_MS);
    this.timer = clock.setTimeout(() => {
      this.work = this.tick().catch(() => {});
    }, wait);
  }

  private async tick() {
    const { clock, state } = this.options;
    const due = this.next;
    const now = clock.now();
    if (this.stopped || due === undefined) return;
    if (now < due) {
      // Woke early or a long wait was cut into timers: wait the rest.
      this.arm();
      return;
    }
    // Fire times that passed while this process was stalled fold into this one.
    this.handledUntil = Math.max(due, now);
    try {
      await state.write({ handledUntil: new Date(this.handledUntil).toISOString() });
    } catch {
      // Not persisted: firing could fire again after a restart; skip this fire time rather than risk it.
      this.arm();
      return;
    }
    if (!this.stopped) this.options.fire(new Date(due));
    this.arm();
  }
}
