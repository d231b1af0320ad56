/** Runs kept; older ones are dropped, so a long benchmark measures the store, not a growing heap. */
const KEEP = 1000;

/**
 * A RunStore that keeps the latest runs in a Map and never touches the disk: the same calls the
 * runtime makes on the FileRunStore, minus the file writes and fsyncs, so the difference between
 * the two rows is the price of durability. Records are copied on the way in, as a real store
 * serialises them.
 * @implements {import('@mova/runtime').RunStore}
 */
export class MemoryRunStore {
  runs = new Map();

  async createRun(run) {
    if (this.runs.size >= KEEP) this.runs.delete(this.runs.keys().next().value);
    const { steps, ...summary } = run;
    this.runs.set(run.id, { summary: structuredClone(summary), steps: new Map(steps.map((s) => [s.key, { ...s }])) });
  }

  async updateRun(id, patch) {
    const run = this.runs.get(id);
    if (run) run.summary = { ...run.summary, ...structuredClone(patch) };
  }

  async appendStep(runId, step) {
    const steps = this.runs.get(runId)?.steps;
    if (!steps) return;
    steps.delete(step.key);
    steps.set(step.key, structuredClone(step));
  }

  async updateStep(runId, key, patch) {
    const steps = this.runs.get(runId)?.steps;
    const step = steps?.get(key);
    if (step) steps.set(key, { ...step, ...structuredClone(patch) });
  }

  async getRun(id) {
    const run = this.runs.get(id);
    return run && structuredClone({ ...run.summary, steps: [...run.steps.values()] });
  }

  async listRuns(options = {}) {
    return [...this.runs.values()]
      .map((r) => r.summary)
      .filter(
        (r) =>
          (options.status === undefined || r.status === options.status) &&
          (options.workflow === undefined || r.workflow === options.workflow),
      )
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, options.limit ?? 100)
      .map((r) => structuredClone(r));
  }

  async markInterrupted() {
    return [];
  }

  async close() {}
}
