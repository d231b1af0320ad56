import { randomUUID } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isRecord } from '../is-record.js';
import type { RunStatus, RunSummary } from './types.js';

/** What listing needs of a run, without reading its log. */
export interface IndexEntry {
  id: string;
  workflow: string;
  status: RunStatus;
  startedAt: string;
  endedAt?: string;
}

/** A line of the index: a whole entry, or a change to one (a new status). */
export type IndexLine = Partial<IndexEntry> & { id: string };

/**
 * The run index of the file store: one JSON line per new run or status change, so listing reads
 * one file instead of every run's log. It is a cache of the logs, which stay the truth: lines lost
 * in a crash or a race are rebuilt from the logs by the store, so appends need no fsync and no lock,
 * and unreadable lines are skipped.
 */
export class RunIndex {
  /** Lines not yet being written, which later appends join. */
  private waiting?: { text: string; written: Promise<void> };
  /** The write in progress (settled: never rejects). */
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** The entries by id, later lines over earlier ones; an entry may lack fields a lost line had. */
  async read(): Promise<Map<string, IndexLine>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    const entries = new Map<string, IndexLine>();
    for (const line of text.split('\n')) {
      const parsed = parseLine(line);
      if (!parsed) continue;
      const previous = entries.get(parsed.id);
      entries.set(parsed.id, previous ? { ...previous, ...parsed } : parsed);
    }
    return entries;
  }

  /**
   * Appends lines. Lines appended while an earlier append is being written go out together in the
   * next write: a server running many runs opens the index once per batch, not twice per run.
   */
  append(lines: IndexLine[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    const text = lines.map((line) => `${JSON.stringify(line)}\n`).join('');
    const waiting = this.waiting;
    if (waiting) {
      waiting.text += text;
      return waiting.written;
    }
    const batch = { text, written: Promise.resolve() };
    batch.written = this.writing.then(() => {
      if (this.waiting === batch) this.waiting = undefined;
      return this.write(batch.text);
    });
    this.waiting = batch;
    this.writing = batch.written.catch(() => {});
    return batch.written;
  }

  private async write(text: string): Promise<void> {
    const handle = await open(this.file, 'a+');
    try {
      const { size } = await handle.stat();
      const last = Buffer.alloc(1);
      if (size > 0) await handle.read(last, 0, 1, size - 1);
      // After a torn line start on a fresh one; other writers may be appending, so never truncate.
      await handle.write(size > 0 && last[0] !== 0x0a ? `\n${text}` : text);
    } finally {
      await handle.close();
    }
  }

  /** Replaces the index with one line per entry (after a prune, or to compact it). */
  async rewrite(entries: Iterable<IndexEntry>): Promise<void> {
    let text = '';
    for (const entry of entries) text += `${JSON.stringify(entry)}\n`;
    const temp = join(dirname(this.file), `.${randomUUID()}.tmp`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(text);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
  }
}

/** An index line for a run as its log tells it. */
export function indexEntryOf(run: RunSummary): IndexEntry {
  const entry: IndexEntry = { id: run.id, workflow: run.workflow, status: run.status, startedAt: run.startedAt };
  if (run.endedAt !== undefined) entry.endedAt = run.endedAt;
  return entry;
}

export function isComplete(line: IndexLine): line is IndexEntry {
  return typeof line.workflow === 'string' && typeof line.status === 'string' && typeof line.startedAt === 'string';
}

function parseLine(line: string): IndexLine | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return isRecord(value) && typeof value.id === 'string' ? (value as IndexLine) : undefined;
  } catch {
    return undefined;
  }
}
