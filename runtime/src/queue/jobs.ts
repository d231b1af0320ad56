import { createHash } from 'node:crypto';
import type { RunOutcome } from '../runtime.js';

/** The BullMQ queue that carries runs and polls. */
export const RUNS_QUEUE = 'runs';

/** A run to do. `runId` is chosen when the run is accepted; jobs made by a job scheduler have none. */
export interface RunJob {
  runId?: string;
  workflow: string;
  inputs: unknown;
  actor?: string;
}

/** One poll of a workflow's connector trigger. */
export interface PollJob {
  workflow: string;
}

/**
 * A look at a waiting run (an approval, a long wait): after a decision, when a due time comes, at
 * a server's start. Due steps get their default outcome; once nothing waits, the run is resumed.
 */
export interface WakeJob {
  runId: string;
}

export type QueueJob =
  | { name: 'run'; data: RunJob }
  | { name: 'poll'; data: PollJob }
  | { name: 'wake'; data: WakeJob };

/** What a run job completes with: `waiting` when the run paused, parked in the run store. */
export type RunJobResult = RunOutcome;

/**
 * The job id of a run's wake-up at a due time (ms): one per run and time however often it is
 * asked for. BullMQ's own ids use `:`, which custom ids may not hold.
 */
export function wakeJobId(runId: string, at: number): string {
  return `wake.${runId}.${at}`;
}

/**
 * The run id of a job: its own, else one derived from the job id. Job schedulers give each fire
 * time a job id of its own (the same on every server), so a redelivered scheduled job keeps its run.
 */
export function runIdOf(job: RunJob, jobId: string): string {
  if (job.runId !== undefined) return job.runId;
  const hex = createHash('sha256').update(`mova-run:${jobId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex[16] ?? '0', 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
