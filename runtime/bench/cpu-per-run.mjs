// `node bench/cpu-per-run.mjs [concurrency] [--profile]` (from runtime/, after a build): the 4-step
// workflow through runValidated with the memory store for 2 s; prints runs/s, main-thread CPU per
// run and the load average, and with --profile the functions with the most main-thread self time.
// Then the dispatch path alone: warm SandboxHost calls of the no-op at the same concurrency, main-
// thread CPU per call, against a raw postMessage round trip to a worker measured in the same run.
// Both also print the other threads' CPU (the sandbox's worker, mostly), which shares the cores:
// the whole process's CPU minus the main thread's over the same window, per run or call.
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
import { mainThreadCpuMs } from './lib/thread-cpu.mjs';
import { createWorkspace } from './lib/workspace.mjs';

/** `sample()`'s result, plus the CPU of every other thread per completion (same share as over the whole sample). */
async function withOtherThreads(sample) {
  const main = mainThreadCpuMs();
  const all = process.cpuUsage();
  const result = await sample();
  const mainMs = mainThreadCpuMs() - main;
  const { user, system } = process.cpuUsage(all);
  const otherMs = (user + system) / 1000 - mainMs;
  return { ...result, otherPerRunUs: ((result.cpuPerRunUs ?? Number.NaN) * Math.max(0, otherMs)) / mainMs };
}

const concurrency = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 16);
const workspace = await createWorkspace();
try {
  const runner = await workflowRunner(workspace, 'memory', 'validated');
  let hot = [];
  const { perSecond, cpuPerRunUs, otherPerRunUs } = await withOtherThreads(() =>
    runner.throughput(concurrency, { durationMs: 2000, warmupMs: 500 }),
  );
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
    `runs/s ${num(perSecond)}, main thread ${num(cpuPerRunUs ?? Number.NaN)} µs CPU/run, other threads ${num(otherPerRunUs)} µs, concurrency ${concurrency}, load ${loadavg()[0].toFixed(2)}`,
  );

  const target = { manifest: workspace.manifest, bundlePath: workspace.noopBundle, integrity: 'bench-noop' };
  const host = await openSandboxHost('worker', target);
  const raw = await openRawWorker();
  const window = { concurrency, durationMs: 1000, warmupMs: 200 };
  const dispatch = await withOtherThreads(() => sampleThroughput(host.call, window));
  const baseline = await withOtherThreads(() => sampleThroughput(raw.call, window));
  await Promise.all([host.close(), raw.close()]);
  console.log(
    `dispatch ${num(dispatch.cpuPerRunUs ?? Number.NaN)} µs CPU/call, raw postMessage round trip ${num(baseline.cpuPerRunUs ?? Number.NaN)} µs CPU, ${(
      (dispatch.cpuPerRunUs ?? Number.NaN) / (baseline.cpuPerRunUs ?? Number.NaN)
    ).toFixed(
      2,
    )}× raw; other threads ${num(dispatch.otherPerRunUs)} µs/call (raw: ${num(baseline.otherPerRunUs)} µs), load ${loadavg()[0].toFixed(2)}`,
  );
  printJson('runs', {
    concurrency,
    runsPerS: perSecond,
    cpuPerRunUs: cpuPerRunUs ?? null,
    otherThreadsPerRunUs: otherPerRunUs,
    hottest: hot,
  });
} finally {
  await workspace.remove();
}
