import type { HttpRuntime } from './runtime.js';
import type { ThrottleOptions } from './types.js';

export interface Throttle {
  /** Resolves when one more request may start; callers are served in arrival order. */
  acquire(signal?: AbortSignal): Promise<void>;
}

/**
 * A sliding-window limiter: at most `requests` starts in any `perMs` window. It remembers the
 * last `requests` start times and, when the window is full, waits until the oldest leaves it.
 */
export function createThrottle(options: ThrottleOptions, runtime: HttpRuntime): Throttle {
  if (!(options.requests >= 1 && options.perMs > 0)) {
    throw new RangeError('throttle needs requests >= 1 and perMs > 0');
  }
  const starts: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  const take = async (signal?: AbortSignal) => {
    for (;;) {
      signal?.throwIfAborted();
      const now = runtime.now();
      while (starts.length > 0 && (starts[0] ?? 0) <= now - options.perMs) starts.shift();
      if (starts.length < options.requests) {
        starts.push(now);
        return;
      }
      await runtime.sleep((starts[0] ?? now) + options.perMs - now, signal);
    }
  };
  return {
    acquire(signal) {
      const turn = queue.then(() => take(signal));
      // One caller giving up (abort) must not stall the ones queued behind it.
      queue = turn.catch(() => {});
      return turn;
    },
  };
}
