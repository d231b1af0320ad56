import { createHash } from 'node:crypto';
import { appendFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDir } from '../make-dir.js';
import type { BadLine } from './run-log.js';

/** Something the file store could not read and set aside, so everything else still lists. */
export interface QuarantineNote {
  /** What was set aside: a file of the runs folder, or lines of a run's log. */
  kind: 'file' | 'lines';
  /** The path it came from. */
  from: string;
  /** Where it is now, under `<data dir>/quarantine/`. */
  to: string;
  reason: string;
}

/**
 * `<data dir>/quarantine/`: files and log lines the store cannot read, moved out of its way but
 * kept for a person to look at. `notes.jsonl` says what came from where and why.
 */
export class Quarantine {
  constructor(
    readonly dir: string,
    private readonly onNote?: (note: QuarantineNote) => void,
  ) {}

  /** Moves a file (or folder) out of the runs folder. Another process may have moved it first. */
  async moveFile(from: string, name: string, reason: string): Promise<void> {
    await makeDir(this.dir);
    const to = join(this.dir, `${Date.now()}-${name}`);
    try {
      await rename(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    await this.note({ kind: 'file', from, to, reason });
  }

  /** Keeps a copy of a log's unreadable lines; the same lines are kept once however often they are read. */
  async keepLines(from: string, id: string, lines: BadLine[], reason: string): Promise<void> {
    await makeDir(this.dir);
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
    const to = join(this.dir, `${id}.${hash}.lines.jsonl`);
    try {
      await writeFile(to, text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
      throw error;
    }
    await this.note({ kind: 'lines', from, to, reason });
  }

  private async note(note: QuarantineNote): Promise<void> {
    await appendFile(join(this.dir, 'notes.jsonl'), `${JSON.stringify({ at: new Date().toISOString(), ...note })}\n`);
    try {
      this.onNote?.(note);
    } catch {
      // A listener's bug must not break the store.
    }
  }
}
