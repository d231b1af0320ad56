export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What the host gives a running action besides its input and connection. */
export interface ActionContext {
  /** Aborted when the step times out or the run is cancelled; pass it to every request. */
  readonly signal: AbortSignal;
  readonly log: (level: LogLevel, message: string, data?: Record<string, unknown>) => void;
  readonly connector: { readonly name: string; readonly version: string };
  readonly actionKey: string;
}

/** A context for running outside a host (tests, scripts): logs go nowhere, nothing aborts. */
export function standaloneContext(
  connector: { name: string; version: string },
  actionKey: string,
  overrides: Partial<ActionContext> = {},
): ActionContext {
  return {
    signal: overrides.signal ?? new AbortController().signal,
    log: overrides.log ?? (() => {}),
    connector,
    actionKey,
  };
}
