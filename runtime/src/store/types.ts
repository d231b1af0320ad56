import type { StepErrorInfo } from '../errors.js';
import type { StepKind } from '../workflow/types.js';

/** `waiting`: paused durably (an approval, a long wait) with no process running it, until `resumeAt` or a decision. */
export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled' | 'interrupted';
export type StepStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'skipped' | 'interrupted';

/** A connector version a run ran with: a resumed run runs exactly this build again. */
export interface RunConnector {
  package: string;
  version: string;
  /** The content integrity (`sha512-…`) of its manifest and bundle. */
  integrity: string;
}

/** What a run keeps so that it can be resumed after its process died or while it waits. */
export interface ResumeInfo {
  /** The workflow document as it was run. */
  workflow: string;
  /** sha256 (hex) of `workflow`. */
  workflowHash: string;
  /** The workflow file, when the run was started from one. */
  file?: string;
  connectors: RunConnector[];
  /** The recorded inputs had secrets redacted: resuming would run with the redacted text, so it is refused. */
  inputsRedacted?: boolean;
}

/** The process that runs a run; a run whose owner died is `interrupted`, never left `running`. */
export interface RunOwner {
  host: string;
  pid: number;
  /** Random per process, so a new process that got the old pid is told apart. */
  instance: string;
  /** The machine's boot id (Linux), so a pid from before a reboot is never taken for a live one. */
  bootId?: string;
  /** When the process started, in clock ticks since boot (Linux): a reused pid has another one. */
  startTime?: string;
}

export interface RunSummary {
  id: string;
  workflow: string;
  status: RunStatus;
  inputs: unknown;
  output?: unknown;
  error?: StepErrorInfo;
  startedAt: string;
  endedAt?: string;
  owner: RunOwner;
  /**
   * Set when the run is created; absent on runs recorded before resuming existed. `getRun` gives
   * it; `listRuns` leaves it out (the workflow text can be large; stores keep it once per hash).
   */
  resume?: ResumeInfo;
  /** A `waiting` run's due time (the end of a long wait, an approval's timeout). */
  resumeAt?: string;
}

/** One execution of a step. Steps inside loops run many times: `key` tells them apart (`send[2]`). */
export interface StepRecord {
  key: string;
  /** The step's `id` in the workflow. */
  id: string;
  /** Where the step is in the workflow file. */
  pointer: string;
  kind: StepKind;
  status: StepStatus;
  attempts: number;
  startedAt: string;
  endedAt?: string;
  /** The evaluated input of a `uses` step, secrets redacted. */
  input?: unknown;
  output?: unknown;
  error?: StepErrorInfo;
  /** `package@version` of the connector a `uses` step ran. */
  connector?: string;
  /**
   * The content integrity (`sha512-…` over its manifest and bundle) of the connector build the
   * step ran: the store address, and `contentIntegrity` in mova.lock.json.
   */
  connectorIntegrity?: string;
  /** The queue worker that ran the step (`mova-connector worker --name`); absent outside queue mode. */
  worker?: string;
}

export interface RunRecord extends RunSummary {
  steps: StepRecord[];
}

export type RunPatch = Partial<Pick<RunSummary, 'status' | 'output' | 'error' | 'endedAt'>> & {
  /** A waiting run's due time; null clears it. */
  resumeAt?: string | null;
};
export type StepPatch = Partial<Pick<StepRecord, 'status' | 'attempts' | 'endedAt' | 'input' | 'output' | 'error'>>;

export interface ListRunsOptions {
  status?: RunStatus;
  workflow?: string;
  /** Only runs whose id starts with this (what `runs show <prefix>` looks up). */
  idPrefix?: string;
  /** Newest first; at most this many (default 100). */
  limit?: number;
  /**
   * The next page: only runs listed after the run with this id (the last one of the previous
   * page), in the same order. An id the store does not hold gives an empty page.
   */
  after?: string;
}

export interface PruneOptions {
  /** Removes the runs that started before this time (a Date or an ISO date). Running runs stay. */
  olderThan: Date | string;
}

export interface PruneResult {
  /** How many runs were removed. */
  removed: number;
}

/**
 * How durable a write must be before its call resolves. `durable: false` lets a store resolve once
 * the write is made (readers in this process see it) and make it durable with the next durable
 * write of the same run, or `flush`. Stores that ignore it are simply always durable.
 */
export interface WriteOptions {
  /** Default true. */
  durable?: boolean;
}

/**
 * Where runs and their steps are kept. Every call is durable before it resolves, unless it is given
 * `{ durable: false }`: then it is made durable by the run's next durable write or `flush(runId)`,
 * in order (a durable write never lands on disk before an earlier non-durable one of its run).
 *
 * The runtime defers what nobody outside the process has seen: the run's creation and the records
 * of steps with no effect outside the process (`set`, `if`, `repeat`, `try`, short waits, ...).
 * It writes durably before a `uses` step starts (its start record shows the call was attempted),
 * when a `uses` step ends, when a step waits (its approval links may be handed out), when the run
 * ends or pauses, and the engine flushes before it answers a request with the run's id. A run
 * of pure steps thus costs one durable commit, its end. A crash before that loses at most a run
 * nobody heard of; one after it leaves the run as today: finished, or `interrupted` once its
 * owner is seen gone (a kill -9 loses nothing written, only a power cut loses unflushed writes).
 */
export interface RunStore {
  createRun(run: RunRecord, options?: WriteOptions): Promise<void>;
  updateRun(id: string, patch: RunPatch): Promise<void>;
  /** Records a step start; a step run again (a retried block) replaces its earlier record. */
  appendStep(runId: string, step: StepRecord, options?: WriteOptions): Promise<void>;
  updateStep(runId: string, key: string, patch: StepPatch, options?: WriteOptions): Promise<void>;
  /** Makes the run's non-durable writes durable; resolves at once when there are none. */
  flush?(runId: string): Promise<void>;
  /** A run with its steps; one whose owner is gone comes back (and is recorded) `interrupted`. */
  getRun(id: string): Promise<RunRecord | undefined>;
  /**
   * A page of runs, newest first (start time, then id). Runs whose owner is gone are marked
   * `interrupted` first, so none is listed `running` after its process died.
   */
  listRuns(options?: ListRunsOptions): Promise<RunSummary[]>;
  /**
   * Marks `interrupted` every run still `running` whose owner process is gone; returns their ids.
   * The end time recorded is the owner's last sign of life, not the time of the check.
   */
  markInterrupted(): Promise<string[]>;
  /**
   * Takes an unfinished run (`interrupted` or `waiting`) for `owner`, atomically: status `running`,
   * the new owner, `endedAt`, `error` and `resumeAt` cleared. Undefined when there is no such run or
   * it is not interrupted or waiting (it finished, or another process took it first).
   */
  reopenRun(id: string, owner: RunOwner): Promise<RunRecord | undefined>;
  /**
   * Applies `patch` to a step only if it is `waiting` now, atomically; true when it did. A second
   * decision on an approval finds the step decided already: that makes approval tokens single-use.
   */
  decideStep(runId: string, key: string, patch: StepPatch): Promise<boolean>;
  /** Removes finished runs older than a point in time (retention); running and waiting runs stay. */
  prune(options: PruneOptions): Promise<PruneResult>;
  close(): Promise<void>;
}
