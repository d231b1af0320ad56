import { setTimeout as delay } from 'node:timers/promises';

/** The clock and dice the client uses, swapped in tests so backoff and throttling need no real waits. */
export interface HttpRuntime {
  now(): number;
  /** A number in [0, 1). */
  random(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemRuntime: HttpRuntime = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
};
