import { mkdir, open, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { interruptedError } from './interrupted.js';
import { ownerIsGone } from './owner.js';
import type { ListRunsOptions, RunPatch, RunRecord, RunStore, RunSummary, StepPatch, StepRecord } from './types.js';

type Event =
  | { e: 'run'; run: RunSummary }
  | { e: 'run.patch'; patch: RunPatch }
  | { e: 'step'; step: StepRecord }
  | { e: 'step.patch'; key: string; patch: StepPatch };

const SUFFIX = '.jsonl';

/**
 * The embedded run store: one append-only JSON Lines event log per run under `<dir>/runs/`, each
 * event fsynced before the call resolves, folded into a record on read, and a marker under
 * `<dir>/running/` while a run is running. No server; meant for one machine (runs owned by other
 * machines are never marked interrupted from here). A torn last line from a crash mid-write is
 * ignored.
 * @example
 * const store = new FileRunStore('.mova/data');
 */
export class FileRunStore implements RunStore {
  readonly dir: string;
  /** One empty marker per run that may still be running, so start-up need not read every run. */
  private readonly runningDir: string;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(dir: string) {
    this.dir = resolve(dir, 'runs');
    this.runningDir = resolve(dir, 'running');
  }

  async createRun(run: RunRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const { steps, ...summary } = run;
    // The marker goes first: a crash before the log leaves a marker without a run, which is dropped.
    if (run.status === 'running') {
      await mkdir(this.runningDir, { recursive: true });
      await writeFile(this.marker(run.id), '');
    }
    await this.enqueue(run.id, async () => {
      await appendEvents(
        this.file(run.id),
        [{ e: 'run', run: summary }, ...steps.map((step) => ({ e: 'step' as const, step }))],
        'ax',
      );
      await syncDir(this.dir);
    });
  }

  async updateRun(id: string, patch: RunPatch): Promise<void> {
    await this.enqueue(id, () => appendEvents(this.file(id), [{ e: 'run.patch', patch }]));
    if (patch.status !== undefined && patch.status !== 'running') await removeFile(this.marker(id));
  }

  appendStep(runId: string, step: StepRecord): Promise<void> {
    return this.enqueue(runId, () => appendEvents(this.file(runId), [{ e: 'step', step }]));
  }

  updateStep(runId: string, key: string, patch: StepPatch): Promise<void> {
    return this.enqueue(runId, () => appendEvents(this.file(runId), [{ e: 'step.patch', key, patch }]));
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    await this.queues.get(id);
    let text: string;
    try {
      text = await readFile(this.file(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return fold(text, this.file(id));
  }

  async listRuns(options: ListRunsOptions = {}): Promise<RunSummary[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith(SUFFIX));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const runs = await Promise.all(names.map((n) => this.getRun(n.slice(0, -SUFFIX.length))));
    return runs
      .filter((r): r is RunRecord => r !== undefined)
      .filter(
        (r) =>
          (options.status === undefined || r.status === options.status) &&
          (options.workflow === undefined || r.workflow === options.workflow),
      )
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, options.limit ?? 100)
      .map(({ steps: _steps, ...summary }) => summary);
  }

  async markInterrupted(): Promise<string[]> {
    let ids: string[];
    try {
      ids = await readdir(this.runningDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const marked: string[] = [];
    for (const id of ids) {
      const run = await this.getRun(id);
      if (run?.status !== 'running') {
        await removeFile(this.marker(id));
        continue;
      }
      if (!ownerIsGone(run.owner)) continue;
      const endedAt = new Date().toISOString();
      const events: Event[] = run.steps
        .filter((s) => s.status === 'running')
        .map((s) => ({ e: 'step.patch', key: s.key, patch: { status: 'interrupted', endedAt } }));
      events.push({ e: 'run.patch', patch: { status: 'interrupted', endedAt, error: interruptedError(run.owner) } });
      await this.enqueue(id, () => appendEvents(this.file(id), events));
      await removeFile(this.marker(id));
      marked.push(id);
    }
    return marked;
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  private file(id: string): string {
    return join(this.dir, `${checkId(id)}${SUFFIX}`);
  }

  private marker(id: string): string {
    return join(this.runningDir, checkId(id));
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

function checkId(id: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`"${id}" is not a run id`);
  return id;
}

async function removeFile(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

async function appendEvents(file: string, events: Event[], flags = 'a'): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.write(events.map((event) => `${JSON.stringify(event)}\n`).join(''));
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Makes a new file's directory entry durable too. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a directory; the file itself is synced.
  } finally {
    await handle.close();
  }
}

function fold(text: string, file: string): RunRecord | undefined {
  const lines = text.split('\n').filter((line) => line.length > 0);
  let run: RunSummary | undefined;
  const steps = new Map<string, StepRecord>();
  lines.forEach((line, i) => {
    let event: Event;
    try {
      event = JSON.parse(line);
    } catch (error) {
      // Only the last line can be torn by a crash mid-write; anything else is damage worth reporting.
      if (i === lines.length - 1 && !text.endsWith('\n')) return;
      throw new Error(`${file}:${i + 1} is not a valid event`, { cause: error });
    }
    if (event.e === 'run') run = { ...event.run };
    else if (event.e === 'run.patch' && run) run = { ...run, ...event.patch };
    else if (event.e === 'step') {
      steps.delete(event.step.key);
      steps.set(event.step.key, { ...event.step });
    } else if (event.e === 'step.patch') {
      const step = steps.get(event.key);
      if (step) steps.set(event.key, { ...step, ...event.patch });
    }
  });
  return run && { ...run, steps: [...steps.values()] };
}
