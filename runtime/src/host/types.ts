import type { LogLevel, Manifest } from '@mova/sdk';
import type { TokenSet } from '../connections/token-set.js';

/** The connector version a step runs: what the resolver found. */
export interface ConnectorTarget {
  manifest: Manifest;
  /** Absolute path of the single-file bundle. */
  bundlePath: string;
  /** `sha512-…`; a host may key warm workers and caches by it. */
  integrity: string;
}

/** The methods of a connector's webhook trigger a host can call. */
export type WebhookOp = 'subscribe' | 'unsubscribe' | 'verify' | 'parse';

export interface InvokeOptions {
  /** Aborted on the step's timeout or the run's cancellation. */
  signal: AbortSignal;
  /** The step's time budget, for hosts that must kill a worker that ignores the signal. */
  timeoutMs: number;
  /** Where the action's `ctx.log` lines go. */
  log?: (level: LogLevel, message: string, data?: Record<string, unknown>) => void;
  /**
   * Set when the key names a polling trigger: the host runs the trigger's `poll` (with the newest
   * timestamp seen so far) and returns the items it found, before any dedupe.
   */
  poll?: { since?: string };
  /**
   * Set when the key names a webhook trigger: the host calls that method of it with `input` as its
   * arguments (besides `auth` and `ctx`) and returns what it returns.
   */
  webhook?: WebhookOp;
  /** Largest output (its JSON text, in bytes) the call may return; a host refuses a larger one before parsing it. */
  maxOutputBytes?: number;
  /**
   * Takes OAuth2 tokens the call refreshed, already checked, for the connection the call was given
   * (the connector cannot name another); the call's result waits until it has finished.
   */
  onTokens?: (tokens: TokenSet) => Promise<void>;
}

/**
 * Runs one action of one connector version. The executor has already checked the input and the
 * connection against the manifest and checks the output after, so a host only dispatches: in
 * process today, in a sandboxed worker later, without changes to callers.
 */
export interface ConnectorHost {
  invoke(
    target: ConnectorTarget,
    actionKey: string,
    input: unknown,
    auth: unknown,
    options: InvokeOptions,
  ): Promise<unknown>;
  /** Releases workers or other resources. */
  close?(): Promise<void>;
}
