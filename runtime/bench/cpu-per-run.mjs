// `node bench/cpu-per-run.mjs [concurrency]` (from runtime/, after a build): the 4-step workflow
// through runValidated with the memory store for 2 s; prints runs/s, main-thread CPU per run and the
// load average. Short, for A/B comparisons of two builds run in turns.
import { loadavg } from 'node:os';
import { workflowRunner } from './cases/workflow.mjs';
import { num } from './lib/table.mjs';
import { createWorkspace } from './lib/workspace.mjs';

const concurrency = Number(process.argv[2] ?? 16);
const workspace = await createWorkspace();
try {
  const runner = await workflowRunner(workspace, 'memory', 'validated');
  const { perSecond, cpuPerRunUs } = await runner.throughput(concurrency, { durationMs: 2000, warmupMs: 500 });
  await runner.close();
  console.log(
    `runs/s ${num(perSecond)}, main thread ${num(cpuPerRunUs ?? Number.NaN)} µs CPU/run, concurrency ${concurrency}, load ${loadavg()[0].toFixed(2)}`,
  );
} finally {
  await workspace.remove();
}
