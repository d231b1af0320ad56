import type { LogLevel } from '@mova/sdk';
import type { StepErrorInfo } from './errors.js';
import type { RunStatus } from './store/types.js';
import type { StepKind } from './workflow/types.js';

/** Identifies one execution of a step in events: `key` is unique in the run (`send[2]` in a loop). */
export interface StepRef {
  key: string;
  id: string;
  pointer: string;
  kind: StepKind;
}

/** Live progress of a run, in order. Secrets are redacted. */
export type RunEvent =
  | { type: 'run.started'; runId: string; workflow: string; at: string }
  /** A process took an interrupted or waiting run over; `replayed` steps were recorded before. */
  | { type: 'run.resumed'; runId: string; workflow: string; at: string; replayed: number }
  | { type: 'step.started'; runId: string; step: StepRef; at: string }
  | { type: 'step.skipped'; runId: string; step: StepRef; at: string }
  /** An approval or a long wait paused the run; `output` holds the approval's links, `dueAt` its timeout or the wait's end. */
  | { type: 'step.waiting'; runId: string; step: StepRef; output: unknown; dueAt: string }
  /** The run paused durably (status `waiting`) until a decision or `resumeAt`. */
  | { type: 'run.waiting'; runId: string; resumeAt?: string }
  | { type: 'step.retrying'; runId: string; step: StepRef; attempt: number; delayMs: number; error: StepErrorInfo }
  | { type: 'step.log'; runId: string; step: StepRef; level: LogLevel; message: string; data?: Record<string, unknown> }
  | { type: 'step.completed'; runId: string; step: StepRef; output: unknown; durationMs: number }
  | { type: 'step.failed'; runId: string; step: StepRef; error: StepErrorInfo; durationMs: number }
  | {
      type: 'run.finished';
      runId: string;
      status: Exclude<RunStatus, 'running' | 'interrupted' | 'waiting'>;
      output?: unknown;
      error?: StepErrorInfo;
      durationMs: number;
    };
