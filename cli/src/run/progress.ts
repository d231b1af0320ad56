import type { RunEvent, StepRef } from '@mova/runtime';
import { ux } from '@oclif/core';
import { oneLine } from '../user-error.js';
import {
  errorText,
  formatMs,
  kindLabel,
  type Mark,
  pointerDepth,
  type StepLine,
  stepLine,
  widthsFor,
} from './format.js';
import type { StepInfo } from './step-map.js';

/** Where progress goes: stderr in the CLI, a string in tests. */
export interface ProgressOutput {
  write(text: string): unknown;
  /** Terminal width, to keep the live line from wrapping. */
  columns?: number;
}

export interface ProgressOptions {
  out: ProgressOutput;
  /** A terminal: keep a redrawn line of the steps running now under the finished ones. */
  live: boolean;
  steps: ReadonlyMap<string, StepInfo>;
  now?: () => number;
}

const BLOCK_KINDS = new Set(['branch', 'repeat', 'parallel', 'try']);
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const LIVE_REDRAW_MS = 100;

/**
 * Shows a run's events as they come: one line per finished step (id, what it ran, status,
 * duration; errors and retries in the same line), a line where a block step (if, repeat,
 * parallel, try) starts so its nested steps read under it, and on a terminal a redrawn last line
 * naming the steps running now.
 * @example
 * const progress = new RunProgress({ out: process.stderr, live: process.stderr.isTTY, steps: stepMap(plan) });
 * await runtime.run(workflow, inputs, { onEvent: (event) => progress.handle(event) });
 * progress.stop();
 */
export class RunProgress {
  private readonly widths;
  private readonly running = new Map<string, { ref: StepRef; since: number }>();
  private timer?: NodeJS.Timeout;
  private frame = 0;
  private liveShown = false;
  private readonly now: () => number;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? Date.now;
    this.widths = widthsFor(
      // Room for one-digit iteration suffixes; keys of longer loops push their line a little.
      [...options.steps].map(([pointer, info]) => ({
        depth: pointerDepth(pointer),
        key: info.id + '[0]'.repeat(info.loops),
        label: info.label,
      })),
    );
  }

  handle(event: RunEvent): void {
    switch (event.type) {
      case 'run.started':
        this.print(`${ux.colorize('bold', '▶')} ${event.workflow}  run ${event.runId}`);
        this.startLive();
        return;
      case 'step.started':
        this.running.set(event.step.key, { ref: event.step, since: this.now() });
        if (BLOCK_KINDS.has(event.step.kind)) this.print(this.line(event.step, 'started', { status: '' }));
        else this.redraw();
        return;
      case 'step.completed':
        this.running.delete(event.step.key);
        this.print(this.line(event.step, 'completed', { durationMs: event.durationMs }));
        return;
      case 'step.failed':
        this.running.delete(event.step.key);
        this.print(this.line(event.step, 'failed', { durationMs: event.durationMs, detail: errorText(event.error) }));
        return;
      case 'step.skipped':
        this.running.delete(event.step.key);
        this.print(this.line(event.step, 'skipped', {}));
        return;
      case 'step.retrying': {
        const attempts = this.options.steps.get(event.step.pointer)?.attempts;
        const status = `retry ${event.attempt}${attempts ? `/${attempts}` : ''} in ${formatMs(event.delayMs)}`;
        this.print(this.line(event.step, 'retrying', { status, detail: `after ${errorText(event.error)}` }));
        return;
      }
      case 'step.log':
        if (event.level === 'warn' || event.level === 'error') {
          this.print(this.line(event.step, 'running', { status: event.level, detail: oneLine(event.message) }));
        }
        return;
      case 'run.finished':
        this.stop();
        return;
    }
  }

  /** Clears the live line and stops redrawing it; call when the run ends, however it ends. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.clearLive();
  }

  private line(ref: StepRef, mark: Mark, rest: Partial<StepLine>): string {
    const info = this.options.steps.get(ref.pointer);
    return stepLine(
      { mark, depth: pointerDepth(ref.pointer), key: ref.key, label: info?.label ?? kindLabel(ref.kind), ...rest },
      this.widths,
    );
  }

  private print(line: string): void {
    this.clearLive();
    this.options.out.write(`${line}\n`);
    this.redraw();
  }

  private startLive(): void {
    if (!this.options.live || this.timer) return;
    this.timer = setInterval(() => {
      this.frame = (this.frame + 1) % FRAMES.length;
      this.redraw();
    }, LIVE_REDRAW_MS);
    // The run, not this redraw, decides when the process may exit.
    this.timer.unref();
  }

  private redraw(): void {
    if (!this.timer) return;
    this.clearLive();
    if (this.running.size === 0) return;
    const now = this.now();
    const names = [...this.running.values()].map(({ ref, since }) => `${ref.key} ${formatMs(now - since)}`);
    const text = `${FRAMES[this.frame]} running ${names.join(', ')}`;
    // A pseudo-terminal without a size reports 0 columns; assume the classic 80 then.
    const columns = this.options.out.columns;
    const max = (columns !== undefined && columns >= 40 ? columns : 80) - 1;
    this.options.out.write(ux.colorize('dim', text.length > max ? `${text.slice(0, max - 1)}…` : text));
    this.liveShown = true;
  }

  private clearLive(): void {
    if (!this.liveShown) return;
    this.options.out.write('\r\x1b[2K');
    this.liveShown = false;
  }
}
