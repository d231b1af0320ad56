import { stat, utimes, writeFile } from 'node:fs/promises';
import type { RunOwner } from './types.js';

/**
 * A process's sign of life for the file store: a small file named after its instance whose
 * modification time it bumps every `intervalMs` while it may be running runs. Another process that
 * finds the owner gone records the run's end at the last beat, not at the time it noticed.
 */
export class HeartbeatFile {
  private timer?: NodeJS.Timeout;
  private started?: Promise<void>;

  constructor(
    readonly file: string,
    private readonly owner: RunOwner,
    private readonly intervalMs: number,
  ) {}

  start(): Promise<void> {
    this.started ??= this.write().then(() => {
      this.timer = setInterval(() => void this.beat(), this.intervalMs);
      // A heartbeat must never keep a process alive on its own.
      this.timer.unref();
    });
    return this.started;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.started = undefined;
  }

  private async beat(): Promise<void> {
    const now = new Date();
    await utimes(this.file, now, now).catch((error: NodeJS.ErrnoException) =>
      // Pruned meanwhile: write it again. Any other failure waits for the next beat.
      error.code === 'ENOENT' ? this.write().catch(() => {}) : undefined,
    );
  }

  private write(): Promise<void> {
    return writeFile(this.file, `${JSON.stringify(this.owner)}\n`);
  }
}

/** When the owner behind a heartbeat file last beat (ms since the epoch), or undefined without one. */
export async function lastBeat(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}
