/** A signal that aborts when any parent does or when its own timer runs out. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** True when the timer, not a parent, aborted it. */
  readonly timedOut: boolean;
  /** Stops the timer and detaches from the parents; call it once the work is done. */
  dispose(): void;
}

/**
 * Links parents by hand rather than with `AbortSignal.any`: a long-lived parent (the step's
 * signal) would otherwise collect one dependant per request until the step ends.
 */
export function linkSignals(parents: readonly (AbortSignal | undefined)[], timeoutMs?: number): LinkedSignal {
  const controller = new AbortController();
  const detach: (() => void)[] = [];
  let timedOut = false;
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      controller.abort(parent.reason);
      break;
    }
    const onAbort = () => controller.abort(parent.reason);
    parent.addEventListener('abort', onAbort, { once: true });
    detach.push(() => parent.removeEventListener('abort', onAbort));
  }
  const timer =
    timeoutMs === undefined || controller.signal.aborted
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(new Error(`timed out after ${timeoutMs} ms`));
        }, timeoutMs);
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      clearTimeout(timer);
      for (const off of detach) off();
    },
  };
}
