/** Caps that keep one workflow from holding a runtime hostage. Every one can be lowered or raised per runtime. */
export interface Limits {
  /** Longest a `wait` step may wait. */
  maxWaitMs: number;
  /** Longest `timeout` a step may set. */
  maxStepTimeoutMs: number;
  /** Timeout of a `uses` step that sets none. */
  defaultStepTimeoutMs: number;
  /** Default `max_iterations` of a while loop. */
  defaultMaxIterations: number;
  /** Most iterations any loop may run, whatever it asks for. */
  maxIterations: number;
  /** Longest a retry may wait, even when the service's Retry-After asks for more. */
  maxRetryWaitMs: number;
  /** Largest response body `http_fetch` reads. */
  maxResponseBytes: number;
  /** Largest output a connector action may return (its JSON text), checked before the runtime parses it. */
  maxOutputBytes: number;
  /** Largest workflow file (its JSON text, in bytes), refused before it is parsed. */
  maxWorkflowBytes: number;
  /** Deepest nesting of objects and arrays in a workflow (each nested step takes two or more levels). */
  maxWorkflowDepth: number;
  /** Most steps a workflow may hold, nested ones included. */
  maxSteps: number;
  /**
   * A run that may pause (under `mova-connector serve`) pauses durably on a `wait` longer than this,
   * recorded `waiting` until it is due, instead of sleeping in memory.
   */
  durableWaitAfterMs: number;
}

/** The longest `wait` under `mova-connector serve`, which keeps long waits in the run store. */
export const DURABLE_MAX_WAIT_MS = 90 * 24 * 3_600_000;

export const DEFAULT_LIMITS: Limits = {
  maxWaitMs: 5 * 60_000,
  maxStepTimeoutMs: 24 * 3_600_000,
  defaultStepTimeoutMs: 5 * 60_000,
  defaultMaxIterations: 1000,
  maxIterations: 10_000,
  maxRetryWaitMs: 5 * 60_000,
  maxResponseBytes: 10 * 1024 * 1024,
  maxOutputBytes: 10 * 1024 * 1024,
  maxWorkflowBytes: 5 * 1024 * 1024,
  maxWorkflowDepth: 64,
  maxSteps: 10_000,
  durableWaitAfterMs: 30_000,
};

export function limitsWith(overrides: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
