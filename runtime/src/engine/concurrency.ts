import { randomUUID } from 'node:crypto';
import { StepError } from '../errors.js';
import type { Concurrency } from '../workflow/types.js';

/** What a gate needs from the engine: cancel a run with a reason, and where to report its numbers. */
export interface GateHooks {
  /** Cancels a running run of the workflow; its run records `reason` as its error. */
  cancel(runId: string, reason: StepError): void;
  /** The number of runs waiting for a slot changed. */
  depth?(workflow: string, depth: number): void;
  /** A run was refused because the workflow was at its limit (`onLimit: "skip"`). */
  skipped?(workflow: string): void;
}

/** How a run gets in: at once, after the runs queued before it, or not at all. */
export type Admission =
  | { kind: 'now' }
  | {
      kind: 'queued';
      /** Resolves when the run has its slot; rejects with the reason given to `clear` or `leave`. */
      turn: Promise<void>;
      /** Takes the run out of the queue (it was cancelled before it started); false once it has its slot. */
      leave: (reason: Error) => boolean;
    }
  | { kind: 'skipped'; message: string };

interface Waiter {
  go: () => void;
  stop: (reason: Error) => void;
  /** Set for a run that cancelled an older one: it takes the slot that run frees. */
  first: boolean;
}

/** The stable error code of a run cancelled to make room for a newer one (`onLimit: "cancel-older"`). */
export const E_CANCELLED_BY_NEWER = 'E_CANCELLED_BY_NEWER';

/**
 * A workflow's concurrency limit: at most `limit` of its runs run at once in this engine. At the
 * limit a new run is queued (`queue`, first in first out), refused (`skip`), or takes the place of
 * the oldest running run, which is cancelled with the reason recorded (`cancel-older`). A run holds
 * its slot from its start until it ends or pauses (an approval, a long wait).
 * @example
 * const gate = new ConcurrencyGate('sync', { limit: 1, onLimit: 'queue' }, { cancel });
 * const admission = gate.enter();
 * if (admission.kind === 'queued') await admission.turn;
 * gate.hold(runId, done);
 */
export class ConcurrencyGate {
  readonly limit: number;
  readonly onLimit: NonNullable<Concurrency['onLimit']>;
  /** Slots taken, by runs that are starting (no id yet) or running. */
  private taken = 0;
  /** Running runs holding a slot, oldest first. */
  private readonly running: string[] = [];
  private readonly cancelling = new Set<string>();
  private readonly waiters: Waiter[] = [];

  constructor(
    readonly workflow: string,
    policy: Concurrency,
    private readonly hooks: GateHooks,
  ) {
    this.limit = policy.limit;
    this.onLimit = policy.onLimit ?? 'queue';
  }

  /** Runs waiting for a slot. */
  get depth(): number {
    return this.waiters.length;
  }

  /**
   * Asks for a slot. `now`: the slot is taken; call `hold` once the run has an id, or `release` if it
   * did not start. `queued`: `turn` resolves when the slot is taken (then the same), or rejects with
   * the reason given to `clear`. `skipped`: nothing is taken.
   */
  enter(): Admission {
    if (this.taken < this.limit && this.waiters.length === 0) {
      this.taken++;
      return { kind: 'now' };
    }
    if (this.onLimit === 'skip') {
      this.hooks.skipped?.(this.workflow);
      return {
        kind: 'skipped',
        message: `workflow "${this.workflow}" already has ${this.limit} run(s) running (concurrency limit ${this.limit}, onLimit "skip"); try again when one has ended`,
      };
    }
    let first = false;
    if (this.onLimit === 'cancel-older') {
      const oldest = this.running.find((id) => !this.cancelling.has(id));
      if (oldest !== undefined) {
        this.cancelling.add(oldest);
        first = true;
        this.hooks.cancel(
          oldest,
          new StepError({
            code: E_CANCELLED_BY_NEWER,
            kind: 'cancelled',
            message: `cancelled to make room for a newer run of "${this.workflow}" (concurrency limit ${this.limit}, onLimit "cancel-older")`,
            hint: 'Raise concurrency.limit, or use onLimit "queue", to let older runs finish.',
          }),
        );
      }
    }
    let waiter!: Waiter;
    const turn = new Promise<void>((go, stop) => {
      waiter = { go, stop, first };
    });
    // A run that cancelled an older one goes before the runs merely queued.
    if (first) this.waiters.splice(this.waiters.filter((w) => w.first).length, 0, waiter);
    else this.waiters.push(waiter);
    this.reportDepth();
    const leave = (reason: Error) => {
      const at = this.waiters.indexOf(waiter);
      if (at < 0) return false;
      this.waiters.splice(at, 1);
      this.reportDepth();
      waiter.stop(reason);
      return true;
    };
    return { kind: 'queued', turn, leave };
  }

  /** The run that took a slot has its id: the slot is freed when `done` settles. */
  hold(runId: string, done: Promise<unknown>): void {
    this.running.push(runId);
    const free = () => {
      const at = this.running.indexOf(runId);
      if (at >= 0) this.running.splice(at, 1);
      this.cancelling.delete(runId);
      this.release();
    };
    done.then(free, free);
  }

  /** Frees a slot taken by `enter` (or a turn) whose run did not start, or has ended. */
  release(): void {
    this.taken--;
    const next = this.waiters.shift();
    if (!next) return;
    this.taken++;
    this.reportDepth();
    next.go();
  }

  /** Refuses every queued run with `reason` (the engine is stopping). */
  clear(reason: Error): void {
    const waiting = this.waiters.splice(0);
    this.reportDepth();
    for (const waiter of waiting) waiter.stop(reason);
  }

  private reportDepth() {
    this.hooks.depth?.(this.workflow, this.waiters.length);
  }
}

/** A run waiting for a slot: not recorded in the run store until it starts. */
export interface QueuedRun {
  id: string;
  workflow: string;
  status: 'queued';
  inputs: unknown;
  queuedAt: string;
  /** Its place in the workflow's queue, 1 for the next to start. */
  position: number;
}

/** A run started through a gate, as the engine hands it back. */
export interface GatedStart<T> {
  runId: string;
  done: Promise<T>;
  /** It waits for a slot (its id is reserved; the run store has it once it starts). */
  queued?: boolean;
}

/** Why a run was not admitted: the workflow is at its limit with `onLimit: "skip"`, or the engine stopped while it was queued. */
export class LimitRefusal extends Error {
  constructor(
    readonly reason: 'limit' | 'stopping' | 'cancelled',
    message: string,
  ) {
    super(message);
    this.name = 'LimitRefusal';
  }
}

/**
 * The concurrency gates of a project's workflows (those that declare `concurrency`), with the runs
 * queued at them.
 */
export class ConcurrencyLimits {
  private readonly gates = new Map<string, ConcurrencyGate>();
  private readonly queued = new Map<
    string,
    { run: Omit<QueuedRun, 'position'>; leave: (reason: Error) => boolean; gate: ConcurrencyGate }
  >();
  private readonly order = new Map<ConcurrencyGate, string[]>();

  constructor(workflows: Iterable<{ name: string; concurrency?: Concurrency }>, hooks: GateHooks) {
    for (const { name, concurrency } of workflows) {
      if (!concurrency) continue;
      const gate = new ConcurrencyGate(name, concurrency, hooks);
      this.gates.set(name, gate);
      this.order.set(gate, []);
      hooks.depth?.(name, 0);
    }
  }

  /** Whether the workflow has a limit. */
  has(workflow: string): boolean {
    return this.gates.has(workflow);
  }

  /**
   * Starts a run through its workflow's gate: at once, queued (resolves at once with the reserved
   * id and `queued: true`; `done` follows the run), or rejects with LimitRefusal (`skip`).
   * `launch` starts the run (with the reserved id when it was queued).
   */
  async start<T extends { runId: string; done: Promise<R> }, R>(
    workflow: string,
    inputs: unknown,
    launch: (runId?: string) => Promise<T>,
    ended: (runId: string, refusal: LimitRefusal) => R,
  ): Promise<GatedStart<R>> {
    const gate = this.gates.get(workflow);
    if (!gate) return launch();
    const admission = gate.enter();
    if (admission.kind === 'skipped') throw new LimitRefusal('limit', admission.message);
    if (admission.kind === 'now') {
      let started: T;
      try {
        started = await launch();
      } catch (error) {
        gate.release();
        throw error;
      }
      gate.hold(started.runId, started.done);
      return started;
    }
    const runId = randomUUID();
    const queue = this.order.get(gate) ?? [];
    queue.push(runId);
    this.queued.set(runId, {
      run: { id: runId, workflow, status: 'queued', inputs, queuedAt: new Date().toISOString() },
      leave: admission.leave,
      gate,
    });
    const forget = () => {
      this.queued.delete(runId);
      const at = queue.indexOf(runId);
      if (at >= 0) queue.splice(at, 1);
    };
    const done = admission.turn.then(
      async () => {
        forget();
        let started: T;
        try {
          started = await launch(runId);
        } catch (error) {
          gate.release();
          // The inputs were checked when it was queued; what is left is the engine stopping.
          return ended(runId, new LimitRefusal('stopping', error instanceof Error ? error.message : String(error)));
        }
        gate.hold(started.runId, started.done);
        return started.done;
      },
      (reason: unknown) => {
        forget();
        return ended(runId, reason instanceof LimitRefusal ? reason : new LimitRefusal('cancelled', String(reason)));
      },
    );
    return { runId, done, queued: true };
  }

  /** A run waiting at a gate, with its place in the queue. */
  queuedRun(runId: string): QueuedRun | undefined {
    const entry = this.queued.get(runId);
    if (!entry) return undefined;
    const position = (this.order.get(entry.gate) ?? []).indexOf(runId) + 1;
    return { ...entry.run, position };
  }

  /** Takes a queued run out of its queue: it never starts and is recorded nowhere. False when it is not queued. */
  cancelQueued(runId: string): boolean {
    return (
      this.queued
        .get(runId)
        ?.leave(new LimitRefusal('cancelled', 'the run was cancelled while it was queued; it never started')) ?? false
    );
  }

  /** Refuses every queued run: the engine is stopping. */
  clear(): void {
    for (const gate of this.gates.values()) {
      gate.clear(new LimitRefusal('stopping', 'the server stopped before the queued run could start'));
    }
  }
}
