import { randomUUID } from 'node:crypto';
import { type FileHandle, link, open, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isRecord } from '../is-record.js';
import type { RunOwner, RunPatch, RunRecord, RunSummary, StepPatch, StepRecord } from './types.js';

/** One line of a run's event log. */
export type LogEvent =
  | { e: 'run'; run: RunSummary }
  | { e: 'run.patch'; patch: RunPatch }
  /** A process took the (interrupted or waiting) run over to resume it. */
  | { e: 'run.reopen'; owner: RunOwner }
  | { e: 'step'; step: StepRecord }
  | { e: 'step.patch'; key: string; patch: StepPatch };

/** A line of a log that is not an event: kept out of the record, and out of the file once it is safe. */
export interface BadLine {
  /** 1-based line number. */
  line: number;
  text: string;
}

export interface FoldedLog {
  /** The run, or undefined when the log holds no readable `run` event. */
  run?: RunRecord;
  /** Whole lines in the middle that are not events (garbage, `null`, a wrong shape). */
  bad: BadLine[];
  /** The last line has no newline: a write cut short by a crash, or one still being written. */
  torn: boolean;
  /** The log's whole events, one line each, as they should be rewritten when it is repaired. */
  good: string[];
}

/** Reads an event log, keeping every readable event and setting the rest aside; never throws. */
export function foldLog(text: string): FoldedLog {
  const lines = text.split('\n');
  // A log ends with a newline; anything after the last one is a record that was never completed.
  const torn = (lines.pop() ?? '') !== '';
  let run: RunSummary | undefined;
  const steps = new Map<string, StepRecord>();
  const bad: BadLine[] = [];
  const good: string[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    const event = parseEvent(text);
    if (!event) {
      bad.push({ line: i + 1, text });
      return;
    }
    good.push(text);
    if (event.e === 'run') run = { ...event.run };
    else if (event.e === 'run.patch' && run) {
      const { resumeAt, ...patch } = event.patch;
      run = { ...run, ...patch };
      if (resumeAt === null) delete run.resumeAt;
      else if (resumeAt !== undefined) run.resumeAt = resumeAt;
    } else if (event.e === 'run.reopen' && run) {
      const { endedAt: _ended, error: _error, resumeAt: _due, ...rest } = run;
      run = { ...rest, status: 'running', owner: event.owner };
    } else if (event.e === 'step') {
      steps.delete(event.step.key);
      steps.set(event.step.key, { ...event.step });
    } else if (event.e === 'step.patch') {
      const step = steps.get(event.key);
      if (step) steps.set(event.key, { ...step, ...event.patch });
    }
  });
  return { run: run && { ...run, steps: [...steps.values()] }, bad, torn, good };
}

function parseEvent(text: string): LogEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  switch (value.e) {
    case 'run': {
      const run = value.run;
      const ok =
        isRecord(run) &&
        typeof run.id === 'string' &&
        typeof run.workflow === 'string' &&
        typeof run.status === 'string' &&
        typeof run.startedAt === 'string' &&
        isRecord(run.owner);
      return ok ? (value as LogEvent) : undefined;
    }
    case 'run.patch':
      return isRecord(value.patch) ? (value as LogEvent) : undefined;
    case 'run.reopen':
      return isRecord(value.owner) && typeof value.owner.instance === 'string' ? (value as LogEvent) : undefined;
    case 'step':
      return isRecord(value.step) && typeof value.step.key === 'string' ? (value as LogEvent) : undefined;
    case 'step.patch':
      return typeof value.key === 'string' && isRecord(value.patch) ? (value as LogEvent) : undefined;
    default:
      return undefined;
  }
}

export function eventLines(events: LogEvent[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}

/**
 * Creates a run's log with its first events: opened with O_EXCL (fails with EEXIST when the log
 * exists) and written in one write, synced unless `sync` is false. A reader may meet the log empty
 * or with its first line cut short for as long as the write takes, or after a crash between the
 * two: the store leaves such a young log alone and sets an old one aside (see FileRunStore.readRun).
 * A temporary file linked into place cost two more calls (link, unlink) for every run.
 */
export async function createLog(file: string, text: string, sync = true): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(text);
    if (sync) await handle.datasync();
  } catch (error) {
    // A log that failed to get its first events would only be set aside later: it never existed.
    await unlink(file).catch(() => {});
    throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Creates a file whole: written and synced under a temporary name, then linked into place, so a
 * reader never sees it partly written. Fails with EEXIST when the file exists.
 */
export async function createWhole(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${randomUUID()}.tmp`);
  await writeSynced(temp, text, 'wx');
  try {
    await link(temp, file);
  } finally {
    await unlink(temp).catch(() => {});
  }
}

/** Writes a whole file and syncs it (unless `sync` is false) before it resolves. */
export async function writeSynced(file: string, text: string, flags: string, sync = true): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.writeFile(text);
    if (sync) await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * Appends whole lines to a log and syncs them, unless `sync` is false: the file's next sync then
 * covers them (fdatasync writes all of a file's data, whichever handle wrote it). A log whose last line was cut short (a crash in
 * mid-write: that write never completed, so nobody was told it did) is first cut back to its last
 * whole line, so the new lines never glue onto the torn bytes.
 */
export async function appendLines(file: string, text: string, sync = true): Promise<void> {
  // O_APPEND: every write lands at the end, even when another process appended meanwhile.
  const handle = await open(file, 'a+');
  try {
    const { size } = await handle.stat();
    const end = await wholeLength(handle, size);
    if (end < size) await handle.truncate(end);
    await handle.write(text);
    if (sync) await handle.datasync();
  } finally {
    await handle.close();
  }
}

const CHUNK = 64 * 1024;

/** The length of the file up to and including its last newline (0 when it has none). */
async function wholeLength(handle: FileHandle, size: number): Promise<number> {
  if (size === 0) return 0;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  if (last[0] === 0x0a) return size;
  // A torn tail: look back for the newline that ended the last whole line.
  const buffer = Buffer.alloc(CHUNK);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    const at = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (at >= 0) return start + at + 1;
    end = start;
  }
  return 0;
}

/** Syncs a file's data written earlier without a sync. */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
