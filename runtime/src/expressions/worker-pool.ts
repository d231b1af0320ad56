import { Worker } from 'node:worker_threads';

/** Why the worker gave no value: a JSONata error, a result past the size limit, a function, or it was killed. */
export type WorkerFailure =
  | { kind: 'error'; code?: string; message: string; position?: number }
  | { kind: 'too-large' }
  | { kind: 'function' }
  | { kind: 'killed'; reason: 'timeout' | 'memory' | 'crash'; message: string };

/** Internal: evaluate.ts turns every one into a StepError with a code and a hint; it never reaches a user. */
export class ExpressionWorkerError extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.kind === 'error' || failure.kind === 'killed' ? failure.message : failure.kind);
    this.name = 'ExpressionWorkerError';
  }
}

export interface ExpressionPoolOptions {
  /** JSONata's own (soft) limits, checked between its evaluation steps. */
  jsonata: { timeout: number; stack: number; sequence: number };
  /** Past this the worker is killed, wherever it is (a long built-in call included). */
  hardTimeoutMs: number;
  /** V8 heap of one worker. */
  memoryMb: number;
  /** Largest result (its JSON text) a worker hands back. */
  maxResultBytes: number;
  /** Workers at most; more expressions at once wait for one. */
  maxWorkers: number;
}

interface Job {
  id?: number;
  source: string;
  scope: Record<string, unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Job | undefined;
  timer: NodeJS.Timeout | undefined;
}

type Answer =
  | { id: number; ok: true; text: string | undefined }
  | {
      id: number;
      ok: false;
      reason?: 'too-large' | 'function';
      error?: { code?: string; message: string; position?: number };
    };

const WORKER_URL = new URL('../../expression-worker/evaluate.mjs', import.meta.url);

/**
 * Worker threads that evaluate the expressions the runtime's own thread cannot bound. A worker
 * that passes its time or heap limit is terminated and replaced; the runtime's thread, and every
 * other run, never waits on it. Workers start on first use and do not keep the process alive.
 */
export class ExpressionPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  /** Killed workers whose thread has not ended yet: a long built-in call ends only when it returns. */
  private dying = 0;

  constructor(private readonly options: ExpressionPoolOptions) {}

  /** The result as plain JSON (undefined when the expression gives nothing). */
  evaluate(source: string, scope: Record<string, unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ source, scope, resolve, reject });
      this.dispatch();
    });
  }

  /** Terminates every worker (a runtime that closes). Jobs in flight fail. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => this.kill(slot, 'crash', 'the runtime closed')));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.busy) ?? this.spawn();
      if (!slot) return;
      const job = this.queue.shift();
      if (!job) return;
      this.run(slot, job);
    }
  }

  private spawn(): Slot | undefined {
    // Replacements start at once, but killed workers still finishing a built-in call count too.
    if (this.slots.length >= this.options.maxWorkers || this.slots.length + this.dying >= 2 * this.options.maxWorkers) {
      return undefined;
    }
    const worker = new Worker(WORKER_URL, {
      workerData: { options: this.options.jsonata, maxResultBytes: this.options.maxResultBytes },
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      // The worker needs nothing of the host's environment.
      env: {},
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, busy: undefined, timer: undefined };
    worker.on('message', (answer: Answer) => this.answer(slot, answer));
    worker.on('error', (error: Error & { code?: string }) => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      void this.kill(
        slot,
        memory ? 'memory' : 'crash',
        memory
          ? `it ran out of memory (limit ${this.options.memoryMb} MiB) and was stopped`
          : `the expression worker failed: ${error.message}`,
      );
    });
    worker.on('exit', () => {
      if (this.slots.includes(slot)) void this.kill(slot, 'crash', 'the expression worker exited');
    });
    // After the listeners: adding a 'message' listener refs the worker's port again, and a pool
    // worker must never keep a process (mova-connector run) alive.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private run(slot: Slot, job: Job): void {
    slot.busy = job;
    const id = ++this.nextId;
    job.id = id;
    slot.timer = setTimeout(() => {
      void this.kill(slot, 'timeout', `it ran longer than ${this.options.hardTimeoutMs} ms and was stopped`);
    }, this.options.hardTimeoutMs);
    try {
      slot.worker.postMessage({ id, source: job.source, scope: job.scope });
    } catch (error) {
      // A scope that cannot be cloned; the worker is still fine.
      this.settle(slot);
      job.reject(new ExpressionWorkerError({ kind: 'error', message: (error as Error).message }));
    }
  }

  private answer(slot: Slot, answer: Answer): void {
    const job = slot.busy;
    if (!job || job.id !== answer.id) return;
    this.settle(slot);
    if (answer.ok) job.resolve(answer.text === undefined ? undefined : JSON.parse(answer.text));
    else if (answer.reason) job.reject(new ExpressionWorkerError({ kind: answer.reason }));
    else job.reject(new ExpressionWorkerError({ kind: 'error', message: 'failed', ...answer.error }));
    this.dispatch();
  }

  private settle(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.busy = undefined;
  }

  private async kill(slot: Slot, reason: 'timeout' | 'memory' | 'crash', message: string): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    const job = slot.busy;
    this.settle(slot);
    job?.reject(new ExpressionWorkerError({ kind: 'killed', reason, message }));
    this.dying++;
    const ended = slot.worker.terminate().catch(() => undefined);
    this.dispatch();
    await ended;
    this.dying--;
    this.dispatch();
  }
}
