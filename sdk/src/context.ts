import type { OAuth2Value } from './auth.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The fields of an OAuth2 token set a refresh changes; client credentials are never among them. */
export type RefreshedTokens = Pick<OAuth2Value, 'accessToken' | 'refreshToken' | 'expiresAt' | 'scope'>;

/** What the host gives a running action besides its input and connection. */
export interface ActionContext {
  /** Aborted when the step times out or the run is cancelled; pass it to every request. */
  readonly signal: AbortSignal;
  readonly log: (level: LogLevel, message: string, data?: Record<string, unknown>) => void;
  readonly connector: { readonly name: string; readonly version: string };
  readonly actionKey: string;
  /**
   * Set by a host that stores connections: takes the OAuth2 tokens a refresh produced during this
   * call, so the connection's next call starts from them. The HTTP helper's OAuth2 session calls it
   * by itself; a connector that refreshes tokens another way calls it too.
   */
  readonly tokensRefreshed?: (tokens: RefreshedTokens) => Promise<void>;
}

// The host keeps each call's context in an AsyncLocalStorage under this global name: the SDK is
// bundled into every connector, so the host cannot share a module of its own with it.
const CURRENT_CONTEXT = Symbol.for('mova.actionContext');

/** The context of the action call the current async task belongs to, when a host tracks one. */
export function currentActionContext(): ActionContext | undefined {
  const storage: unknown = Reflect.get(globalThis, CURRENT_CONTEXT);
  const getStore: unknown = typeof storage === 'object' && storage ? Reflect.get(storage, 'getStore') : undefined;
  return typeof getStore === 'function' ? (getStore.call(storage) as ActionContext | undefined) : undefined;
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
    ...(overrides.tokensRefreshed ? { tokensRefreshed: overrides.tokensRefreshed } : {}),
  };
}
