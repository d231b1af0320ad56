// `node bench/cpu-per-run.mjs [concurrency] [--profile]` (from runtime/, after a build): the 4-step
// workflow through runValidated with the memory store for 2 s; prints runs/s, main-thread CPU per
// run and the load average, and with --profile the functions with the most main-thread self time.
// Then the dispatch path alone: warm SandboxHost calls of the no-op at the same concurrency, main-
// thread CPU per call, against a raw postMessage round trip to a worker measured in the same run.
// Short, for A/B comparisons of two builds run in turns.
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSandboxHost } from './cases/dispatch.mjs';
import { openRawWorker } from './cases/raw.mjs';
import { workflowRunner } from './cases/workflow.mjs';
import { printJson } from './lib/json-out.mjs';
import { profileWindow } from './lib/profile.mjs';
import { sampleThroughput } from './lib/stats.mjs';
import { num } from './lib/table.mjs';
import { createWorkspace } from './lib/workspace.mjs';

const concurrency = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 16);
const workspace = await createWorkspace();
try {
  const runner = await workflowRunner(workspace, 'memory', 'validated');
  let hot = [];
  const { perSecond, cpuPerRunUs } = await runner.throughput(concurrency, { durationMs: 2000, warmupMs: 500 });
  if (process.argv.includes('--profile')) {
    const file = join(tmpdir(), `mova-cpu-per-run-${process.pid}.cpuprofile`);
    const hottest = await profileWindow(
      () => runner.throughput(concurrency, { durationMs: 2000, warmupMs: 300 }),
      file,
      12,
    );
    for (const h of hottest) console.log(`${(h.share * 100).toFixed(1).padStart(5)}%  ${h.name}`);
    hot = hottest;
  }
  await runner.close();
  console.log(
    `runs/s ${num(perSecond)}, main thread ${num(cpuPerRunUs ?? Number.NaN)} µs CPU/run, concurrency ${concurrency}, load ${loadavg()[0].toFixed(2)}`,
  );

  const target = { manifest: workspace.manifest, bundlePath: workspace.noopBundle, integrity: 'bench-noop' };
  const host = await openSandboxHost('worker', target);
  const raw = await openRawWorker();
  const window = { concurrency, durationMs: 1000, warmupMs: 200 };
  const dispatch = await sampleThroughput(host.call, window);
  const baseline = await sampleThroughput(raw.call, window);
  await Promise.all([host.close(), raw.close()]);
  console.log(
    `dispatch ${num(dispatch.cpuPerRunUs ?? Number.NaN)} µs CPU/call, raw postMessage round trip ${num(baseline.cpuPerRunUs ?? Number.NaN)} µs CPU, ${(
      (dispatch.cpuPerRunUs ?? Number.NaN) / (baseline.cpuPerRunUs ?? Number.NaN)
    ).toFixed(2)}× raw, load ${loadavg()[0].toFixed(2)}`,
  );
  printJson('runs', { concurrency, runsPerS: perSecond, cpuPerRunUs: cpuPerRunUs ?? null, hottest: hot });
} finally {
  await workspace.remove();
}
