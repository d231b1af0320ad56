import type { LogLevel } from '@mova/sdk';
import { ConnectorError, type ConnectorErrorKind } from '@mova/sdk/host';
import { readTokenSet, type TokenSet } from '../connections/token-set.js';
import type { WebhookOp } from '../host/types.js';
import { isRecord } from '../is-record.js';
import type {
  FromSandbox,
  Sandbox,
  SandboxExit,
  SandboxFactory,
  SandboxLimits,
  SandboxSpec,
  SerializedError,
} from './channel.js';
import { Deadlines } from './deadlines.js';
import { SandboxError } from './errors.js';

export interface PoolOptions {
  /** Sandboxes kept per connector version at most. */
  maxSandboxes: number;
  /** Calls one sandbox runs at once; 1 keeps a crash from failing anyone else's step. */
  callsPerSandbox: number;
  /** How long a timed-out call may take to notice its abort before its sandbox is killed. */
  abortGraceMs: number;
  /** An idle sandbox is stopped after this long. */
  idleMs: number;
  /** A sandbox that has not loaded its bundle by then is killed. */
  loadTimeoutMs: number;
  /** Output cap of a call that sets none. */
  maxOutputBytes: number;
  limits: SandboxLimits;
}

export interface CallOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  poll?: { since?: string };
  webhook?: WebhookOp;
  maxOutputBytes?: number;
  log?: (level: LogLevel, message: string, data?: Record<string, unknown>) => void;
  /** Takes OAuth2 tokens the call refreshed, checked (see readTokenSet); the result waits for it. */
  onTokens?: (tokens: TokenSet) => Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  log?: CallOptions['log'];
  key?: string;
  maxOutputBytes?: number;
  onTokens?: CallOptions['onTokens'];
  /** The write-back of tokens the call refreshed, which its result waits for. */
  saving?: Promise<void>;
  /** Token sets the call sent so far (at most MAX_TOKEN_SETS_PER_CALL). */
  tokenSets?: number;
  /** The call sent something that is no token set: what it queued before is not written either. */
  tokensRefused?: boolean;
}

/** How long a call runs before it listens to its abort signal (an abort before then is seen then). */
const ABORT_WATCH_MS = 10;

// A long call may refresh a short-lived token several times; a flood is a connector misbehaving.
const MAX_TOKEN_SETS_PER_CALL = 32;

interface Slot {
  sandbox: Sandbox;
  ready: Promise<void>;
  inFlight: Map<number, Pending>;
  /** Calls that timed out but have not returned yet; the slot takes no new work meanwhile. */
  stuck: number;
  dead: boolean;
  /** Its bundle has loaded (`ready` resolved): a call can be sent without waiting. */
  loaded: boolean;
  /** When inFlight last became empty (performance.now()); the idle timer retires it idleMs after. */
  idleSince: number;
  idleTimer?: NodeJS.Timeout;
}

let nextId = 1;

/** The warm sandboxes of one connector version, with a queue when all are busy. */
export class VersionPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  /** The timeouts of this pool's calls, on one timer. */
  private readonly deadlines = new Deadlines();
  /** When each running call starts to listen to its abort signal (see ABORT_WATCH_MS). */
  private readonly abortWatch = new Deadlines();
  private closed = false;
  /** Calls between their claim of a place and their start (waiting ones included), see callWhenFree. */
  private acquiring = 0;

  /**
   * `onEmpty` runs (synchronously) whenever the pool is left with no sandbox and no call: its owner
   * may then forget it, since a pool in that state holds nothing to stop. A later call still works.
   */
  constructor(
    private readonly spec: SandboxSpec,
    private readonly factory: SandboxFactory,
    private readonly options: PoolOptions,
    private readonly onEmpty?: () => void,
  ) {}

  call(key: string, input: unknown, auth: unknown, options: CallOptions): Promise<unknown> {
    if (options.signal?.aborted) {
      // A new pool whose first call is refused this way is empty: its owner may forget it.
      this.reportEmpty();
      return Promise.reject(this.cancelled(key));
    }
    // A loaded sandbox with room takes the call at once, without a promise or a tick in between.
    const slot = this.waiting.length === 0 ? this.freeSlot(true) : undefined;
    return slot ? this.start(slot, key, input, auth, options) : this.callWhenFree(key, input, auth, options);
  }

  /** Claims a place (spawning or queueing as needed), waits for its sandbox to load, then calls. */
  private async callWhenFree(key: string, input: unknown, auth: unknown, options: CallOptions): Promise<unknown> {
    // Counted until the call is in a slot's inFlight (or failed): its slot may die meanwhile and
    // leave the pool without a sandbox while the call is about to take a new one.
    this.acquiring++;
    try {
      let slot = await this.acquire();
      await slot.ready;
      // The sandbox may have died between the claim and now; take another.
      while (slot.dead) {
        slot = await this.acquire();
        await slot.ready;
      }
      this.releaseReservation(slot);
      if (options.signal?.aborted) {
        // Its abort event has passed while the call waited: a listener added now would never run.
        this.dispatch(slot);
        throw this.cancelled(key);
      }
      return this.start(slot, key, input, auth, options);
    } finally {
      this.acquiring--;
      this.reportEmpty();
    }
  }

  private start(slot: Slot, key: string, input: unknown, auth: unknown, options: CallOptions): Promise<unknown> {
    const id = nextId++;
    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, value?: unknown) => {
        if (settled) return;
        settled = true;
        this.deadlines.delete(deadline);
        if (watch) this.abortWatch.delete(watch);
        if (listening) signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(value);
      };
      const giveUp = (error: Error) => {
        if (settled) return;
        // The sandbox keeps the call until it returns or is killed; the step fails now.
        slot.stuck++;
        finish(error);
        slot.sandbox.send({ type: 'abort', id });
        const kill = setTimeout(() => {
          if (slot.inFlight.has(id))
            void this.retire(slot, { reason: 'a call ran past its timeout', outOfMemory: false });
        }, this.options.abortGraceMs);
        kill.unref();
      };
      const deadline = this.deadlines.add(options.timeoutMs, () =>
        giveUp(
          new SandboxError(
            'timeout',
            `${this.spec.label} action "${key}" did not finish within ${options.timeoutMs} ms`,
            {
              connector: this.spec.label,
              actionKey: key,
              hint: "Raise the step's `timeout`, or check why the service is slow to answer.",
            },
          ),
        ),
      );
      const onAbort = () => giveUp(this.cancelled(key));
      // Adding and removing an abort listener costs more than the rest of a warm call's dispatch,
      // and most calls end in well under ABORT_WATCH_MS: a call still running by then starts to
      // listen (or gives up at once if its signal fired meanwhile). The caller's own listener
      // fails the step at once either way; the sandbox hears of an early abort a little later.
      const { signal } = options;
      let listening = false;
      const watch = signal
        ? this.abortWatch.add(ABORT_WATCH_MS, () => {
            if (signal.aborted) return onAbort();
            listening = true;
            signal.addEventListener('abort', onAbort, { once: true });
          })
        : undefined;
      const maxOutputBytes = options.maxOutputBytes ?? this.options.maxOutputBytes;
      slot.inFlight.set(id, {
        resolve: (value) => finish(undefined, value),
        reject: (error) => finish(error),
        log: options.log,
        key,
        maxOutputBytes,
        onTokens: options.onTokens,
      });
      slot.sandbox.send(
        options.poll || options.webhook
          ? {
              type: 'invoke',
              id,
              key,
              input,
              auth,
              maxOutputBytes,
              ...(options.poll ? { poll: options.poll } : {}),
              ...(options.webhook ? { webhook: options.webhook } : {}),
            }
          : { type: 'invoke', id, key, input, auth, maxOutputBytes },
      );
    });
  }

  private tooLarge(key: string | undefined, cap: number | undefined): SandboxError {
    return new SandboxError('output', `${this.spec.label} action "${key}" returned more than ${cap} bytes of output`, {
      connector: this.spec.label,
      actionKey: key,
      hint: 'Ask for less (a limit, a page, fields), or raise the runtime limit maxOutputBytes.',
    });
  }

  private cancelled(key: string): SandboxError {
    return new SandboxError('cancelled', `${this.spec.label} action "${key}" was cancelled`, {
      connector: this.spec.label,
      actionKey: key,
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.deadlines.clear();
    this.abortWatch.clear();
    await Promise.all(
      [...this.slots].map((slot) => this.retire(slot, { reason: 'the runtime shut down', outOfMemory: false })),
    );
  }

  private acquire(): Promise<Slot> {
    if (this.closed) {
      return Promise.reject(
        new SandboxError('crashed', 'the runtime is shutting down', { connector: this.spec.label }),
      );
    }
    const free = this.freeSlot(false);
    if (free) return Promise.resolve(this.claim(free));
    if (this.slots.length < this.options.maxSandboxes) return Promise.resolve(this.claim(this.spawn()));
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Reserves a place in the slot (a negative id) until the call that claimed it registers itself. */
  private claim(slot: Slot): Slot {
    slot.inFlight.set(-nextId++, { resolve() {}, reject() {} });
    return slot;
  }

  /** A live sandbox with room for a call (and, with `loaded`, its bundle loaded already). */
  private freeSlot(loaded: boolean): Slot | undefined {
    for (const slot of this.slots) {
      if (slot.dead || slot.stuck > 0 || slot.inFlight.size >= this.options.callsPerSandbox) continue;
      if (!loaded || slot.loaded) return slot;
    }
    return undefined;
  }

  private spawn(): Slot {
    const sandbox = this.factory(this.spec, this.options.limits);
    let markReady!: () => void;
    let failLoad!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failLoad = reject;
    });
    ready.catch(() => {});
    const slot: Slot = { sandbox, ready, inFlight: new Map(), stuck: 0, dead: false, loaded: false, idleSince: 0 };
    this.slots.push(slot);
    // A bundle whose top level never finishes would hold this slot, and every call queued on it, for ever.
    const loading = setTimeout(() => {
      const reason = `its bundle did not finish loading within ${this.options.loadTimeoutMs} ms`;
      failLoad(
        new SandboxError('load', `${this.spec.label} could not start: ${reason}`, { connector: this.spec.label }),
      );
      void this.retire(slot, { reason, outOfMemory: false });
    }, this.options.loadTimeoutMs);
    loading.unref();
    ready.then(
      () => {
        clearTimeout(loading);
        slot.loaded = true;
      },
      () => clearTimeout(loading),
    );
    sandbox.onMessage((message) => this.onMessage(slot, message, markReady, failLoad));
    sandbox.onExit((exit) => {
      failLoad(
        new SandboxError('load', `${this.spec.label} could not start: ${exit.reason}`, { connector: this.spec.label }),
      );
      this.drop(slot, exit);
    });
    return slot;
  }

  private onMessage(slot: Slot, message: FromSandbox, markReady: () => void, failLoad: (e: Error) => void) {
    if (message.type === 'ready') {
      markReady();
      return;
    }
    if (message.type === 'fatal') {
      failLoad(
        new SandboxError('load', `${this.spec.label} failed to load: ${message.error.message}`, {
          connector: this.spec.label,
          hint: 'Rebuild and republish the connector.',
        }),
      );
      void this.retire(slot, { reason: 'its bundle failed to load', outOfMemory: false });
      return;
    }
    if (message.type === 'idle') return;
    const pending = slot.inFlight.get(message.id);
    if (!pending) return;
    if (message.type === 'log') {
      pending.log?.(asLevel(message.level), message.message, asRecord(message.data));
      return;
    }
    if (message.type === 'tokens') {
      this.takeTokens(slot, message, pending);
      return;
    }
    if (pending.saving) {
      // The result waits for the write-back of the tokens the call refreshed, so the next run finds them.
      const saving = pending.saving;
      pending.saving = undefined;
      void saving.then(() => this.onMessage(slot, message, markReady, failLoad));
      return;
    }
    slot.inFlight.delete(message.id);
    if (!message.ok) pending.reject(rebuildError(message.error, this.spec.label));
    else if (
      typeof message.json !== 'string' ||
      // A UTF-8 byte count is at most 3 per UTF-16 unit: a short text needs no count.
      (message.json.length * 3 > (pending.maxOutputBytes ?? Infinity) &&
        Buffer.byteLength(message.json) > (pending.maxOutputBytes ?? Infinity))
    ) {
      // The sandbox checks the cap itself; one that sends more anyway is not trusted again.
      pending.reject(this.tooLarge(pending.key, pending.maxOutputBytes));
      void this.retire(slot, { reason: 'it sent an output over the cap', outOfMemory: false });
      return;
    } else {
      try {
        pending.resolve(JSON.parse(message.json));
      } catch {
        pending.reject(this.tooLarge(pending.key, pending.maxOutputBytes));
      }
    }
    this.settle(slot);
  }

  /**
   * Tokens a call refreshed go to that call's own `onTokens`: the message carries only the call's
   * id, so a sandbox can reach no connection but the one its call was given. A message that is not
   * a plain token set fails the call and retires the sandbox, like an output over the cap.
   */
  private takeTokens(slot: Slot, message: Extract<FromSandbox, { type: 'tokens' }>, pending: Pending) {
    const extra = Object.keys(message).filter((key) => key !== 'type' && key !== 'id' && key !== 'tokens');
    pending.tokenSets = (pending.tokenSets ?? 0) + 1;
    const tokens =
      extra.length > 0
        ? `the message has fields besides the tokens: ${extra
            .map((key) => key.slice(0, 40))
            .slice(0, 5)
            .join(', ')}`
        : pending.tokenSets > MAX_TOKEN_SETS_PER_CALL
          ? `more than ${MAX_TOKEN_SETS_PER_CALL} token sets in one call`
          : readTokenSet(message.tokens);
    if (typeof tokens === 'string') {
      pending.tokensRefused = true;
      slot.inFlight.delete(message.id);
      pending.reject(
        new SandboxError(
          'tokens',
          `${this.spec.label} action "${pending.key}" sent refreshed tokens the host refused: ${tokens}`,
          {
            connector: this.spec.label,
            actionKey: pending.key,
            hint: "Report it to the connector's author: only the SDK's ctx.tokensRefreshed may send tokens, and only token fields.",
          },
        ),
      );
      void this.retire(slot, { reason: 'it sent a malformed token set', outOfMemory: false });
      return;
    }
    const { onTokens } = pending;
    if (!onTokens) return;
    // onTokens reports its own failures on the step; none may hold back the call's result.
    pending.saving = (pending.saving ?? Promise.resolve())
      .then(() => (pending.tokensRefused ? undefined : onTokens(tokens)))
      .catch(() => {});
  }

  /** A call returned (possibly after its step already timed out): make the slot useful again. */
  private settle(slot: Slot) {
    if (slot.stuck > 0 && [...slot.inFlight.keys()].every((k) => k < 0)) slot.stuck = 0;
    this.dispatch(slot);
  }

  private releaseReservation(slot: Slot) {
    for (const key of slot.inFlight.keys()) {
      if (key < 0) {
        slot.inFlight.delete(key);
        return;
      }
    }
  }

  private dispatch(slot: Slot) {
    if (slot.dead || slot.stuck > 0) return;
    const next = this.waiting.shift();
    if (next) {
      next(this.claim(slot));
      return;
    }
    if (slot.inFlight.size === 0) {
      slot.idleSince = performance.now();
      if (!slot.idleTimer) this.watchIdle(slot, this.options.idleMs);
    }
  }

  /**
   * One idle timer per sandbox, not one per call: when it fires it retires a sandbox idle for
   * idleMs, waits out the rest for one idle for less, and leaves a busy one to dispatch to re-arm.
   */
  private watchIdle(slot: Slot, ms: number) {
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = undefined;
      if (slot.dead || slot.stuck > 0 || slot.inFlight.size > 0) return;
      const idleFor = performance.now() - slot.idleSince;
      if (idleFor >= this.options.idleMs) void this.retire(slot, { reason: 'idle', outOfMemory: false });
      else this.watchIdle(slot, Math.ceil(this.options.idleMs - idleFor));
    }, ms);
    slot.idleTimer.unref();
  }

  private async retire(slot: Slot, exit: SandboxExit) {
    if (slot.dead) return;
    this.drop(slot, exit);
    await slot.sandbox.kill();
  }

  private drop(slot: Slot, exit: SandboxExit) {
    if (slot.dead) return;
    slot.dead = true;
    clearTimeout(slot.idleTimer);
    this.slots.splice(this.slots.indexOf(slot), 1);
    for (const [id, pending] of slot.inFlight) {
      if (id > 0) {
        pending.reject(
          new SandboxError(
            exit.outOfMemory ? 'out_of_memory' : 'crashed',
            `${this.spec.label} stopped during the call: ${exit.reason}`,
            {
              connector: this.spec.label,
              hint: exit.outOfMemory ? 'The action needs more memory than the sandbox allows, or it leaks.' : undefined,
            },
          ),
        );
      }
    }
    slot.inFlight.clear();
    // Someone queued for a place gets a fresh sandbox instead.
    const next = this.waiting.shift();
    if (next && !this.closed) next(this.claim(this.spawn()));
    this.reportEmpty();
  }

  /** A call in a slot keeps that slot alive, and a call without one is counted in `acquiring`. */
  private reportEmpty() {
    if (!this.closed && this.slots.length === 0 && this.acquiring === 0) this.onEmpty?.();
  }
}

const KINDS = new Set<ConnectorErrorKind>([
  'auth',
  'rate_limit',
  'not_found',
  'invalid_input',
  'conflict',
  'transient',
  'unknown',
]);

/** Turns an error that crossed the boundary back into the typed error it was. */
function rebuildError(error: SerializedError, label: string): Error {
  if (error.code === 'E_OUTPUT_LIMIT') {
    return new SandboxError('output', error.message, {
      connector: label,
      actionKey: error.actionKey,
      hint: 'Ask for less (a limit, a page, fields), or raise the runtime limit maxOutputBytes.',
    });
  }
  if (error.code === 'E_NETWORK_DENIED') {
    return new SandboxError('network', error.message, {
      connector: label,
      actionKey: error.actionKey,
      hint: "A connector reaches only its manifest's network.allow and the hosts its connection names in network.connectionHosts: its author adds the host there (a self-hosted service's host belongs in a connection field). --allow-host is for http_fetch steps only.",
    });
  }
  if (error.code === 'E_CONNECTOR' && KINDS.has(error.kind as ConnectorErrorKind)) {
    return new ConnectorError(
      error.message,
      {
        kind: error.kind as ConnectorErrorKind,
        status: error.status,
        vendorMessage: error.vendorMessage,
        actionKey: error.actionKey,
        retryAfter: error.retryAfter,
      },
      error.hint,
    );
  }
  // Anything else is a plain throw: the executor words it as "<connector> threw: <message>".
  const plain = new Error(error.message);
  plain.name = error.name;
  return plain;
}

const LEVELS = new Set<LogLevel>(['debug', 'info', 'warn', 'error']);

function asLevel(level: string): LogLevel {
  return isLevel(level) ? level : 'info';
}

function isLevel(level: string): level is LogLevel {
  return (LEVELS as ReadonlySet<string>).has(level);
}

function asRecord(data: unknown): Record<string, unknown> | undefined {
  return isRecord(data) ? data : undefined;
}
