import type { PollState } from '@mova/sdk';
import type { PollOptions, PollResult } from '../triggers/poll.js';
import { type Clock, MAX_TIMER_MS } from './clock.js';
import type { StateFile } from './state.js';

export interface PollerOptions {
  uses: string;
  connection?: string;
  input?: unknown;
  everyMs: number;
  clock: Clock;
  /** The dedupe state, kept between restarts. */
  state: StateFile<PollState>;
  poll: (uses: string, options: PollOptions) => Promise<PollResult>;
  /** Starts the run of one new item. */
  emit: (item: unknown) => Promise<void>;
  /** A poll that failed (the poller polls again at the next interval). */
  onError: (error: unknown) => void;
}

/**
 * Polls a connector's polling trigger at an interval. The dedupe state is persisted before the new
 * items' runs start, so after a restart no item that was seen starts a run again (at most once: a
 * crash between the two loses those items' runs rather than running them twice). The first poll
 * ever records what exists and starts nothing, unless the trigger emits on its first poll.
 */
export class Poller {
  private state: PollState | undefined;
  private timer: unknown;
  private stopped = false;
  private running: Promise<number> | undefined;

  constructor(private readonly options: PollerOptions) {}

  async start(): Promise<void> {
    this.state = await this.options.state.read();
    this.arm(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }

  /** Polls now (joining a poll in progress); resolves with how many runs it started. */
  pollNow(): Promise<number> {
    this.running ??= this.pollOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private arm(ms: number) {
    if (this.stopped) return;
    this.timer = this.options.clock.setTimeout(
      () => {
        this.pollNow()
          .catch((error: unknown) => this.options.onError(error))
          .finally(() => this.arm(this.options.everyMs));
      },
      Math.min(ms, MAX_TIMER_MS),
    );
  }

  private async pollOnce(): Promise<number> {
    const { uses, connection, input } = this.options;
    const result = await this.options.poll(uses, {
      ...(connection === undefined ? {} : { connection }),
      input: input ?? {},
      ...(this.state === undefined ? {} : { state: this.state }),
    });
    await this.options.state.write(result.state);
    this.state = result.state;
    let started = 0;
    for (const item of result.items) {
      if (this.stopped) break;
      await this.options.emit(item);
      started++;
    }
    return started;
  }
}
