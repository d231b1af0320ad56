import { type FileHandle, open } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { makeDir } from '../make-dir.js';

export const AUDIT_FILE = 'audit.jsonl';

/** What happened. The runtime and the CLI record these; a server adds its own (`approved`, …). */
export type AuditAction =
  | 'run.started'
  | 'run.finished'
  | 'connection.used'
  /** A call refreshed a connection's OAuth2 tokens; `details.stored` says whether they were written back. */
  | 'connection.token_refreshed'
  | 'installed'
  | 'upgraded'
  | 'published'
  | (string & {});

/** One line of `audit.jsonl`. */
export interface AuditEntry {
  /** ISO time. */
  time: string;
  /** Who: the OS user, or the actor the caller gave (a server's authenticated user, say). */
  actor: string;
  action: AuditAction;
  /** What it was done to: a workflow, `package@version`, a connection's name. */
  subject: string;
  /** Where from: the machine and process that recorded it. */
  from: { host: string; pid: number };
  /** Anything else worth keeping (a run id, a status, versions); never secrets. */
  details?: Record<string, unknown>;
}

/** What a caller records; time, actor and origin are filled in. */
export interface AuditRecord {
  action: AuditAction;
  subject: string;
  actor?: string;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  /** Only entries at or after this time. */
  since?: Date;
  /** Only these actions; `run.*` matches every action that starts with `run.`. */
  action?: string | string[];
  /** Only entries whose subject contains this text. */
  subject?: string;
  /** At most this many entries (default 100). */
  limit?: number;
  /** Where the previous page stopped (its `next`). */
  cursor?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next page; absent at the end of the log. */
  next?: string;
  /** Lines that are no entry (torn by a crash, edited by hand) and were passed over. */
  skipped: number;
}

/** The OS user's name; a container without a passwd entry has none, then USER or "unknown". */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

const CHUNK = 64 * 1024;

/**
 * The append-only audit log, `<dataDir>/audit.jsonl`: one JSON line per event (who did what to
 * what, when, from where). Lines are appended with O_APPEND, so processes sharing the data dir
 * never overwrite each other; records made in the same turn of the event loop, or while an fsync
 * runs, share one write and one fdatasync (group commit), in the order they were recorded, and
 * `record` resolves once its line is on disk. A line torn by a crash is fenced off by
 * a newline before the next append and skipped when reading.
 * @example
 * const audit = new AuditLog('.mova/data');
 * await audit.record({ action: 'installed', subject: '@mova/connector-github@2.1.0' });
 * const { entries } = await audit.list({ action: 'run.*', since: new Date(Date.now() - 3_600_000) });
 */
export class AuditLog {
  readonly path: string;
  private readonly actor: string;
  private file: Promise<FileHandle> | undefined;
  private pending: { line: string; done: () => void; failed: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;

  constructor(dataDir: string, options: { actor?: string } = {}) {
    this.path = join(dataDir, AUDIT_FILE);
    this.actor = options.actor ?? osUser();
  }

  /**
   * Appends one entry; resolves when it is fsynced. Every record is durable on its own, `run.started`
   * too: a run's store records wait for its first durable write, but its audit line cannot, unless
   * that write synced the audit log as well (a run that pauses, or calls out and dies, would
   * otherwise have none); its fsync overlaps the run's steps instead.
   */
  record(record: AuditRecord): Promise<void> {
    const entry: AuditEntry = {
      time: new Date().toISOString(),
      actor: record.actor ?? this.actor,
      action: record.action,
      subject: record.subject,
      from: { host: hostname(), pid: process.pid },
      ...(record.details === undefined ? {} : { details: record.details }),
    };
    const line = `${JSON.stringify(entry)}\n`;
    return new Promise<void>((done, failed) => {
      this.pending.push({ line, done, failed });
      this.flushing ??= this.flush();
    });
  }

  /** Reads a page of entries, oldest first, filtered. */
  async list(query: AuditQuery = {}): Promise<AuditPage> {
    const limit = query.limit ?? 100;
    const actions = query.action === undefined ? undefined : [query.action].flat();
    let position = query.cursor === undefined ? 0 : Number(query.cursor);
    if (!Number.isSafeInteger(position) || position < 0) throw new TypeError(`not an audit cursor: ${query.cursor}`);
    const handle = await open(this.path, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const page: AuditPage = { entries: [], skipped: 0 };
    if (!handle) return page;
    try {
      let rest = Buffer.alloc(0);
      let restStart = position;
      for (;;) {
        const buffer = Buffer.alloc(CHUNK);
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, restStart + rest.length);
        if (bytesRead === 0) break;
        rest = Buffer.concat([rest, buffer.subarray(0, bytesRead)]);
        let newline = rest.indexOf(10);
        while (newline !== -1) {
          const text = rest.subarray(0, newline).toString('utf8');
          const lineEnd = restStart + newline + 1;
          rest = rest.subarray(newline + 1);
          restStart = lineEnd;
          if (text.trim() !== '') {
            const entry = parseEntry(text);
            if (!entry) page.skipped++;
            else if (matches(entry, query, actions)) {
              if (page.entries.length === limit) {
                page.next = String(position);
                return page;
              }
              page.entries.push(entry);
            }
          }
          position = lineEnd;
          newline = rest.indexOf(10);
        }
      }
      // What follows the last newline is a line being written or torn by a crash: not read yet.
      if (rest.length > 0 && parseEntry(rest.toString('utf8')) === undefined) page.skipped++;
      return page;
    } finally {
      await handle.close();
    }
  }

  /** Waits for pending records and closes the file. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    const file = this.file;
    this.file = undefined;
    if (file) await (await file).close();
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        let batch = this.pending;
        try {
          const handle = await this.handle();
          // The batch is taken after the event loop's current turn: records made meanwhile (a run's
          // `run.started` and its `connection.used`, the ends of runs whose writes completed in the
          // same poll) share this write and fsync instead of each waiting for one of their own.
          await new Promise<void>((turned) => setImmediate(turned));
          batch = this.pending;
          this.pending = [];
          await handle.write(batch.map((item) => item.line).join(''));
          await handle.datasync();
          for (const item of batch) item.done();
        } catch (error) {
          // A failed open fails what was waiting for it; the next record tries again.
          if (batch === this.pending) this.pending = [];
          for (const item of batch) item.failed(error);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private handle(): Promise<FileHandle> {
    this.file ??= this.openForAppend();
    const file = this.file;
    // A failed open is tried again on the next record.
    file.catch(() => {
      if (this.file === file) this.file = undefined;
    });
    return file;
  }

  private async openForAppend(): Promise<FileHandle> {
    await makeDir(join(this.path, '..'));
    const handle = await open(this.path, 'a', 0o600);
    try {
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        const reader = await open(this.path, 'r');
        try {
          await reader.read(last, 0, 1, size - 1);
        } finally {
          await reader.close();
        }
        // A line torn by a crash would swallow the next entry: end it first.
        if (last[0] !== 10) await handle.write('\n');
      }
      return handle;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
}

/**
 * Records one entry in the audit log of `dataDir` and closes it; a failure to write becomes a
 * process warning, so the command or run it records is not failed by its audit line.
 */
export async function recordAudit(dataDir: string, record: AuditRecord): Promise<void> {
  const log = new AuditLog(dataDir);
  try {
    await log.record(record);
  } catch (error) {
    auditWarning(log.path, error);
  } finally {
    await log.close().catch(() => {});
  }
}

export function auditWarning(path: string, error: unknown): void {
  process.emitWarning(
    `the audit log ${path} could not be written: ${error instanceof Error ? error.message : String(error)}`,
    { code: 'MOVA_AUDIT' },
  );
}

function parseEntry(text: string): AuditEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Partial<AuditEntry>;
  if (typeof entry.time !== 'string' || typeof entry.action !== 'string' || typeof entry.subject !== 'string') {
    return undefined;
  }
  if (typeof entry.actor !== 'string') return undefined;
  return entry as AuditEntry;
}

function matches(entry: AuditEntry, query: AuditQuery, actions: string[] | undefined): boolean {
  if (query.since && !(Date.parse(entry.time) >= query.since.getTime())) return false;
  if (query.subject !== undefined && !entry.subject.includes(query.subject)) return false;
  if (actions) {
    const ok = actions.some((a) => (a.endsWith('.*') ? entry.action.startsWith(a.slice(0, -1)) : entry.action === a));
    if (!ok) return false;
  }
  return true;
}
