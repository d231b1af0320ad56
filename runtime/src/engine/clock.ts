/** Time as the engine's scheduler and pollers see it; tests pass a fake one. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The longest a single timer waits; longer waits re-arm, so a far-off fire time never overflows a timer. */
export const MAX_TIMER_MS = 60 * 60_000;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    // The HTTP server keeps `serve` alive; a pending fire time alone must not.
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
