import { randomUUID } from 'node:crypto';
import { readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MovaError } from '@mova/sdk/host';
import { makeDir } from '../make-dir.js';
import { mapBounded } from './bounded.js';
import { DirSyncs } from './dir-syncs.js';
import { HeartbeatFile, lastBeat } from './heartbeat-file.js';
import { interruptedError } from './interrupted.js';
import { ownerLiveness, THIS_PROCESS } from './owner.js';
import { Quarantine, type QuarantineNote } from './quarantine.js';
import { cutoffMs } from './retention.js';
import { type IndexEntry, type IndexLine, indexEntryOf, isComplete, RunIndex } from './run-index.js';
import {
  appendLines,
  createLog,
  createWhole,
  eventLines,
  foldLog,
  type LogEvent,
  syncFile,
  writeSynced,
} from './run-log.js';
import type {
  ListRunsOptions,
  PruneOptions,
  PruneResult,
  RunOwner,
  RunPatch,
  RunRecord,
  RunStore,
  RunSummary,
  StepPatch,
  StepRecord,
  WriteOptions,
} from './types.js';
import { isWorkflowHash, joinResume, splitResume } from './workflow-documents.js';

export interface FileRunStoreOptions {
  /** How often a process that runs runs marks itself alive (default 5 s). */
  heartbeatMs?: number;
  /**
   * An owner on another machine (a shared folder) whose heartbeat is older than this is taken for
   * dead (default 60 s). Owners on this machine are judged by their process, at once.
   */
  staleAfterMs?: number;
  /** Told about every file or log line set aside under `<dir>/quarantine/`. */
  onQuarantine?: (note: QuarantineNote) => void;
  /** Told each time a run's log is made durable (an fdatasync, with the folder's fsync for a new log). */
  onCommit?: (runId: string) => void;
}

const SUFFIX = '.jsonl';
const RUN_ID = /^[A-Za-z0-9_-]+$/;
/** Files read at once: listing and pruning never hold more handles than this. */
const IO_CONCURRENCY = 16;
/** A marker or empty log this young may belong to a run being created right now. */
const CREATE_GRACE_MS = 60_000;
/** Temporary files older than this were left by a crash. */
const STALE_TEMP_MS = 3_600_000;

interface Verdict {
  gone: boolean;
  /** The owner's last heartbeat, in ms. */
  lastSeen?: number;
}

/**
 * The embedded run store: one append-only JSON Lines event log per run under `<dir>/runs/`, each
 * event fsynced before the call resolves (a `{ durable: false }` one with the run's next durable
 * event: one fdatasync covers all of them) and folded into a record on read, plus:
 * - `<dir>/run-index.jsonl`: a line per new run and status change, so a page of `listRuns` reads
 *   one file and the page's logs, never every log (a cache: rebuilt from the logs when lines are lost);
 * - `<dir>/running/<id>`: a marker while a run may be running, so start-up reads only those;
 * - `<dir>/owners/<instance>.json`: the heartbeat of a process that runs runs; a run whose owner
 *   died is recorded `interrupted`, ended at the owner's last sign of life;
 * - `<dir>/quarantine/`: what the store cannot read (stray files, unreadable lines), set aside so
 *   everything else still lists.
 * A write cut short by a crash is cut back to the last whole line before the next append.
 * Meant for one machine; no server.
 * @example
 * const store = new FileRunStore('.mova/data');
 * const page = await store.listRuns({ limit: 20 });
 * const next = await store.listRuns({ limit: 20, after: page.at(-1)?.id });
 */
export class FileRunStore implements RunStore {
  readonly dir: string;
  private readonly runningDir: string;
  private readonly ownersDir: string;
  /** `<dir>/workflows/<sha256>.json`: each workflow text a run may be resumed with, once. */
  private readonly workflowsDir: string;
  private readonly index: RunIndex;
  private readonly quarantine: Quarantine;
  private readonly heartbeat: HeartbeatFile;
  private readonly staleAfterMs: number;
  private readonly queues = new Map<string, Promise<void>>();
  /** Runs this store started for this process that have not finished. */
  private readonly ownRunning = new Set<string>();
  /**
   * Runs whose log holds writes not yet synced (`{ durable: false }`), and whether the log itself
   * is new, so its folder entry needs a sync too.
   */
  private readonly unsynced = new Map<string, { created: boolean }>();
  private readonly onCommit?: (runId: string) => void;
  private readonly keptDocuments = new Set<string>();
  private readonly folders = new Set<string>();
  private readonly dirSyncs = new DirSyncs();

  constructor(dataDir: string, options: FileRunStoreOptions = {}) {
    this.dir = resolve(dataDir, 'runs');
    this.runningDir = resolve(dataDir, 'running');
    this.ownersDir = resolve(dataDir, 'owners');
    this.workflowsDir = resolve(dataDir, 'workflows');
    this.index = new RunIndex(resolve(dataDir, 'run-index.jsonl'));
    this.quarantine = new Quarantine(resolve(dataDir, 'quarantine'), options.onQuarantine);
    this.heartbeat = new HeartbeatFile(this.ownerFile(THIS_PROCESS), THIS_PROCESS, options.heartbeatMs ?? 5_000);
    this.staleAfterMs = options.staleAfterMs ?? 60_000;
    this.onCommit = options.onCommit;
  }

  async createRun(run: RunRecord, options?: WriteOptions): Promise<void> {
    await this.folder(this.dir);
    const { steps, resume, ...rest } = run;
    const summary: RunSummary = rest;
    if (resume) {
      // The workflow text is kept once per hash: a workflow that runs often is not copied into every log.
      const split = splitResume(resume);
      await this.keepDocument(split.hash, split.document);
      summary.resume = split.stored as typeof resume;
    }
    // The marker goes first: a crash before the log leaves a marker without a run, which is dropped.
    if (run.status === 'running') {
      await this.folder(this.runningDir);
      await writeFile(this.marker(run.id), run.owner.instance);
      if (run.owner.instance === THIS_PROCESS.instance) {
        this.ownRunning.add(run.id);
        await this.folder(this.ownersDir);
        await this.heartbeat.start();
      }
    }
    const events: LogEvent[] = [{ e: 'run', run: summary }, ...steps.map((step) => ({ e: 'step' as const, step }))];
    const durable = options?.durable !== false;
    await this.enqueue(run.id, async () => {
      await createLog(this.file(run.id), eventLines(events), durable);
      if (durable) {
        await this.dirSyncs.sync(this.dir);
        this.onCommit?.(run.id);
      } else this.unsynced.set(run.id, { created: true });
    });
    await this.index.append([indexEntryOf(summary)]);
  }

  async updateRun(id: string, patch: RunPatch): Promise<void> {
    await this.enqueue(id, () => this.append(id, [{ e: 'run.patch', patch }]));
    if (patch.status === undefined) return;
    const line: IndexLine = { id, status: patch.status };
    if (patch.endedAt !== undefined) line.endedAt = patch.endedAt;
    await this.index.append([line]);
    if (patch.status !== 'running') {
      await removeFile(this.marker(id));
      this.ownRunning.delete(id);
    }
  }

  appendStep(runId: string, step: StepRecord, options?: WriteOptions): Promise<void> {
    return this.enqueue(runId, () => this.append(runId, [{ e: 'step', step }], options?.durable !== false));
  }

  updateStep(runId: string, key: string, patch: StepPatch, options?: WriteOptions): Promise<void> {
    return this.enqueue(runId, () => this.append(runId, [{ e: 'step.patch', key, patch }], options?.durable !== false));
  }

  flush(runId: string): Promise<void> {
    checkId(runId);
    return this.enqueue(runId, async () => {
      if (!this.unsynced.has(runId)) return;
      await this.committed(runId, syncFile(this.file(runId)));
    });
  }

  /** Appends events to a run's log (call it inside the run's queue); a durable append syncs earlier writes too. */
  private async append(id: string, events: LogEvent[], durable = true): Promise<void> {
    if (!durable) {
      await appendLines(this.file(id), eventLines(events), false);
      if (!this.unsynced.has(id)) this.unsynced.set(id, { created: false });
      return;
    }
    await this.committed(id, appendLines(this.file(id), eventLines(events)));
  }

  /**
   * Waits for the sync of a run's log; a log created without a sync needs its folder entry synced
   * too. The entry exists already, so the two syncs run at once: a run's first commit waits for the
   * slower of them, not for both one after the other.
   */
  private async committed(id: string, synced: Promise<void>): Promise<void> {
    const pending = this.unsynced.get(id);
    // Both settle before the next write of the run's queue starts, even when one of them failed.
    const [log, folder] = await Promise.allSettled([
      synced,
      pending?.created ? this.dirSyncs.sync(this.dir) : undefined,
    ]);
    if (log.status === 'rejected') throw log.reason;
    if (folder.status === 'rejected') throw folder.reason;
    this.unsynced.delete(id);
    this.onCommit?.(id);
  }

  async reopenRun(id: string, owner: RunOwner): Promise<RunRecord | undefined> {
    // Settles a run whose owner died first, so it can be taken as `interrupted`.
    const current = await this.getRun(id);
    if (current?.status !== 'interrupted' && current?.status !== 'waiting') return undefined;
    let taken: RunRecord | undefined;
    await this.enqueue(id, async () => {
      const run = await this.readRun(id, new Map(), { settle: false });
      if (run?.status !== 'interrupted' && run?.status !== 'waiting') return;
      await makeDir(this.runningDir);
      // The marker is created exclusively: of two processes resuming the run, one takes it.
      try {
        await writeFile(this.marker(id), owner.instance, { flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
        throw error;
      }
      if (owner.instance === THIS_PROCESS.instance) {
        this.ownRunning.add(id);
        await makeDir(this.ownersDir);
        await this.heartbeat.start();
      }
      await this.append(id, [{ e: 'run.reopen', owner }]);
      const { endedAt: _ended, error: _error, resumeAt: _due, ...rest } = run;
      taken = { ...rest, status: 'running', owner };
    });
    if (taken) await this.index.append([{ id, status: 'running' }]);
    return taken;
  }

  async decideStep(runId: string, key: string, patch: StepPatch): Promise<boolean> {
    checkId(runId);
    let decided = false;
    await this.enqueue(runId, async () => {
      const run = await this.readRun(runId, new Map(), { settle: false });
      if (run?.steps.find((s) => s.key === key)?.status !== 'waiting') return;
      await this.append(runId, [{ e: 'step.patch', key, patch }]);
      decided = true;
    });
    return decided;
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    checkId(id);
    await this.queues.get(id);
    const run = await this.readRun(id, new Map());
    const hash = run?.resume?.workflowHash;
    if (!run?.resume || !isWorkflowHash(hash)) return run;
    const document = await readFile(join(this.workflowsDir, `${hash}.json`), 'utf8').catch(() => undefined);
    return { ...run, resume: joinResume(run.resume, document) };
  }

  /** Writes a workflow text under its hash unless it is there: synced, linked into place whole. */
  private async keepDocument(hash: string, document: string): Promise<void> {
    // A served workflow runs again and again: its text is looked for on disk once per process.
    if (this.keptDocuments.has(hash)) return;
    const file = join(this.workflowsDir, `${hash}.json`);
    const kept = await stat(file).then(
      () => true,
      () => false,
    );
    if (!kept) {
      await this.folder(this.workflowsDir);
      await createWhole(file, document).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      await this.dirSyncs.sync(this.workflowsDir);
    }
    this.keptDocuments.add(hash);
  }

  /** Makes a folder of the store, once per process: every run used to stat three of them. */
  private async folder(dir: string): Promise<void> {
    if (this.folders.has(dir)) return;
    await makeDir(dir);
    this.folders.add(dir);
  }

  async listRuns(options: ListRunsOptions = {}): Promise<RunSummary[]> {
    const entries = await this.entries(new Map());
    const matching = [...entries.values()]
      .filter(
        (e) =>
          (options.status === undefined || e.status === options.status) &&
          (options.workflow === undefined || e.workflow === options.workflow) &&
          (options.idPrefix === undefined || e.id.startsWith(options.idPrefix)),
      )
      .sort(newestFirst);
    let from = 0;
    if (options.after !== undefined) {
      const anchor = entries.get(options.after);
      if (!anchor) return [];
      from = matching.findIndex((e) => newestFirst(anchor, e) < 0);
      if (from < 0) return [];
    }
    const limit = options.limit ?? 100;
    const page: RunSummary[] = [];
    // Read only the logs the page needs, a few at a time; a log that turns out unreadable is skipped.
    let at = from;
    while (at < matching.length && page.length < limit) {
      const chunk = matching.slice(at, at + limit - page.length);
      at += chunk.length;
      const runs = await mapBounded(chunk, IO_CONCURRENCY, async (e) => {
        await this.queues.get(e.id);
        return this.readRun(e.id, new Map());
      });
      for (const run of runs) {
        if (!run) continue;
        const { steps: _steps, resume: _resume, ...summary } = run;
        page.push(summary);
      }
    }
    return page;
  }

  async markInterrupted(): Promise<string[]> {
    let ids: string[];
    try {
      ids = (await readdir(this.runningDir)).filter((id) => RUN_ID.test(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const verdicts = new Map<string, Verdict>();
    const marked: string[] = [];
    for (const id of ids) {
      const run = await this.readRun(id, verdicts, { settle: false });
      if (run?.status === 'running') {
        const settled = await this.settle(run, verdicts);
        if (settled.status === 'interrupted') marked.push(id);
      } else if (run || (await olderThan(this.marker(id), CREATE_GRACE_MS))) {
        // Finished, or a marker whose run was never written (a crash between the two).
        await removeFile(this.marker(id));
      }
    }
    return marked;
  }

  async prune(options: PruneOptions): Promise<PruneResult> {
    const cutoff = cutoffMs(options.olderThan);
    const entries = await this.entries(new Map());
    const removed: string[] = [];
    for (const entry of entries.values()) {
      const unfinished = entry.status === 'running' || entry.status === 'waiting';
      if (!unfinished && Date.parse(entry.startedAt) < cutoff) removed.push(entry.id);
    }
    await mapBounded(removed, IO_CONCURRENCY, (id) => removeFile(this.file(id)));
    for (const id of removed) entries.delete(id);
    await this.index.rewrite([...entries.values()].sort(newestFirst).reverse());
    await this.sweep(cutoff);
    return { removed: removed.length };
  }

  async close(): Promise<void> {
    await Promise.all([...this.unsynced.keys()].map((id) => this.flush(id)));
    await Promise.all(this.queues.values());
    this.heartbeat.stop();
    if (this.ownRunning.size === 0) await removeFile(this.ownerFile(THIS_PROCESS)).catch(() => {});
  }

  /**
   * Every run in the folder as the index tells it, checked against the logs where the index may
   * be behind: runs it does not know (their index line was lost) and runs it says are running
   * (they may have finished, or their owner died: those are recorded `interrupted` now).
   */
  private async entries(verdicts: Map<string, Verdict>): Promise<Map<string, IndexEntry>> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    const ids: string[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue; // the store's own temporary files
      const id = name.slice(0, -SUFFIX.length);
      if (name.endsWith(SUFFIX) && RUN_ID.test(id)) ids.push(id);
      else await this.quarantine.moveFile(join(this.dir, name), name, 'not a run log name (<id>.jsonl)');
    }
    const indexed = await this.index.read();
    const entries = new Map<string, IndexEntry>();
    const check: string[] = [];
    for (const id of ids) {
      const line = indexed.get(id);
      if (line && isComplete(line) && line.status !== 'running') entries.set(id, line);
      else check.push(id);
    }
    const runs = await mapBounded(check, IO_CONCURRENCY, (id) => this.readRun(id, verdicts));
    const lines: IndexLine[] = [];
    runs.forEach((run, i) => {
      if (!run) return;
      const entry = indexEntryOf(run);
      entries.set(run.id, entry);
      const line = indexed.get(check[i] ?? '');
      if (!line || line.status !== entry.status || !isComplete(line)) lines.push(entry);
    });
    await this.index.append(lines);
    return entries;
  }

  /**
   * Reads a run's log. A log with no readable run is quarantined; a finished run's unreadable
   * lines are moved to the quarantine and its log rewritten without them; a running run whose
   * owner is gone is recorded `interrupted` (unless `settle` is false).
   */
  private async readRun(
    id: string,
    verdicts: Map<string, Verdict>,
    { settle = true } = {},
  ): Promise<RunRecord | undefined> {
    const file = this.file(id);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      if (code === 'EISDIR') {
        await this.quarantine.moveFile(file, `${id}${SUFFIX}`, 'a folder where a run log belongs');
        return undefined;
      }
      throw error;
    }
    const folded = foldLog(text);
    let run = folded.run;
    if (!run) {
      // A young log that is empty or holds only a line cut short is being created right now
      // (createLog writes into the log itself), or was left so by a crash: set aside once old.
      if (folded.bad.length > 0 || (await olderThan(file, CREATE_GRACE_MS))) {
        await this.quarantine.moveFile(file, `${id}${SUFFIX}`, 'holds no readable run record');
      }
      return undefined;
    }
    if (settle && run.status === 'running') run = await this.settle(run, verdicts);
    if (run.status !== 'running' && (folded.bad.length > 0 || folded.torn)) await this.repair(id);
    return run;
  }

  /** Records `interrupted` a running run whose owner is gone, ended at its last sign of life. */
  private async settle(run: RunRecord, verdicts: Map<string, Verdict>): Promise<RunRecord> {
    const verdict = await this.judge(run.owner, verdicts);
    if (!verdict.gone) return run;
    const endedAt = lastSignOfLife(run, verdict.lastSeen);
    const error = interruptedError(run.owner);
    const events: LogEvent[] = [];
    const steps = run.steps.map((step) => {
      if (step.status !== 'running') return step;
      events.push({ e: 'step.patch', key: step.key, patch: { status: 'interrupted', endedAt } });
      return { ...step, status: 'interrupted' as const, endedAt };
    });
    events.push({ e: 'run.patch', patch: { status: 'interrupted', endedAt, error } });
    await this.enqueue(run.id, () => this.append(run.id, events));
    await this.index.append([{ id: run.id, status: 'interrupted', endedAt }]);
    await removeFile(this.marker(run.id));
    return { ...run, status: 'interrupted', endedAt, error, steps };
  }

  private async judge(owner: RunOwner, verdicts: Map<string, Verdict>): Promise<Verdict> {
    const known = verdicts.get(owner.instance);
    if (known) return known;
    const liveness = ownerLiveness(owner);
    const lastSeen = RUN_ID.test(owner.instance) ? await lastBeat(this.ownerFile(owner)) : undefined;
    const stale = lastSeen !== undefined && Date.now() - lastSeen > this.staleAfterMs;
    const verdict: Verdict = { gone: liveness === 'gone' || (liveness === 'unknown' && stale) };
    if (lastSeen !== undefined) verdict.lastSeen = lastSeen;
    verdicts.set(owner.instance, verdict);
    return verdict;
  }

  /** Rewrites a finished run's log without the lines it cannot read, which go to the quarantine. */
  private repair(id: string): Promise<void> {
    const file = this.file(id);
    return this.enqueue(id, async () => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return;
      }
      const folded = foldLog(text);
      if (!folded.run || folded.run.status === 'running') return;
      if (folded.bad.length === 0 && !folded.torn) return;
      const bad = [...folded.bad];
      const tail = text.slice(text.lastIndexOf('\n') + 1);
      if (folded.torn) bad.push({ line: text.split('\n').length, text: tail });
      await this.quarantine.keepLines(file, id, bad, 'unreadable lines of a finished run, removed from its log');
      const temp = join(this.dir, `.${randomUUID()}.tmp`);
      await writeSynced(temp, folded.good.map((line) => `${line}\n`).join(''), 'wx');
      await rename(temp, file).catch(async (error: unknown) => {
        await removeFile(temp);
        throw error;
      });
    });
  }

  /** Removes what a crash or a prune left behind: old temporary files, quarantine, dead owners' heartbeats. */
  private async sweep(cutoff: number): Promise<void> {
    const now = Date.now();
    const sweepDir = async (dir: string, stale: (name: string, mtimeMs: number) => boolean | Promise<boolean>) => {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return;
      }
      await mapBounded(names, IO_CONCURRENCY, async (name) => {
        const path = join(dir, name);
        const info = await stat(path).catch(() => undefined);
        if (info?.isFile() && (await stale(name, info.mtimeMs))) await removeFile(path);
      });
    };
    await sweepDir(this.dir, (name, mtime) => name.startsWith('.') && now - mtime > STALE_TEMP_MS);
    await sweepDir(this.quarantine.dir, (name, mtime) => name !== 'notes.jsonl' && mtime < cutoff);
    await sweepDir(this.ownersDir, async (name, mtime) => {
      if (name === `${THIS_PROCESS.instance}.json`) return false;
      const owner = await readOwner(join(this.ownersDir, name));
      return owner ? ownerLiveness(owner) === 'gone' || mtime < cutoff : mtime < cutoff;
    });
  }

  private file(id: string): string {
    return join(this.dir, `${checkId(id)}${SUFFIX}`);
  }

  private marker(id: string): string {
    return join(this.runningDir, checkId(id));
  }

  private ownerFile(owner: RunOwner): string {
    return join(this.ownersDir, `${owner.instance}.json`);
  }

  /** Writes of one run go one after another, so the log keeps their order. */
  private enqueue(id: string, write: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.then(write);
    const settled = next.catch(() => {});
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return next;
  }
}

/** Newest first by start time, then by id, so pages never skip or repeat a run. */
function newestFirst(a: IndexEntry, b: IndexEntry): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The latest moment a dead owner is known to have worked on a run: its heartbeat or its last record. */
function lastSignOfLife(run: RunRecord, lastSeen: number | undefined): string {
  let latest = Date.parse(run.startedAt);
  for (const step of run.steps) {
    for (const at of [step.startedAt, step.endedAt]) {
      const ms = at === undefined ? Number.NaN : Date.parse(at);
      if (ms > latest) latest = ms;
    }
  }
  if (lastSeen !== undefined && lastSeen > latest) latest = lastSeen;
  return new Date(Math.min(latest, Date.now())).toISOString();
}

function checkId(id: string): string {
  if (!RUN_ID.test(id)) {
    throw new MovaError('E_RUN_ID', `"${id}" is not a run id`, 'Give a run id as `mova-connector runs` lists it.');
  }
  return id;
}

async function removeFile(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

async function olderThan(path: string, ms: number): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > ms;
}

async function readOwner(file: string): Promise<RunOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8'));
    return typeof owner?.host === 'string' && typeof owner?.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}
