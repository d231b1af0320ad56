import { allocations } from '../lib/heap.mjs';
import { sampleThroughput } from '../lib/stats.mjs';
import { benchRuntime, FOUR_STEPS } from '../lib/workflow.mjs';

/**
 * The 4-step workflow through createRuntime, two ways a caller can start it: `run(workflow)`, which
 * validates (and so resolves and reads the connector) on every run, and `runValidated`, which
 * runs a plan validated once. Each result is checked, so a failing run never counts as a fast one.
 */
export async function workflowRunner(workspace, storeKind, mode) {
  const runtime = benchRuntime(workspace, storeKind);
  const validation = await runtime.validate(FOUR_STEPS);
  if (!validation.ok) throw new Error(`the bench workflow is invalid: ${JSON.stringify(validation.issues)}`);
  let n = 0;
  const once = async () => {
    const k = ++n;
    const result =
      mode === 'validated'
        ? await runtime.runValidated(validation.workflow, { n: k })
        : await runtime.run(FOUR_STEPS, { n: k });
    if (result.status !== 'completed' || result.output?.n !== k + 1) {
      throw new Error(`the bench workflow did not complete as expected: ${JSON.stringify(result)}`);
    }
  };
  await once();
  return {
    once,
    throughput: (concurrency, window) => sampleThroughput(once, { concurrency, ...window }),
    /** Bytes allocated per run on the main thread, and the GC's share of the time, over `runs` runs. */
    async allocationsPerRun(runs) {
      const heap = await allocations(async () => {
        for (let i = 0; i < runs; i++) await once();
      });
      return { ...heap, bytes: heap.bytes / runs };
    },
    close: () => runtime.close(),
  };
}
