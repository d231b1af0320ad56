// `node bench/stores.mjs` (from runtime/, after a build): the 4-step workflow through
// `runValidated` with each embedded run store, the memory store as the no-durability ceiling.
// The three stores take turns in rounds (1.5 s windows at each concurrency), so load changes hit
// them alike; the figures to read are the ratios taken in the same run. Loopback only, temp folder
// removed at the end, every loop stops at its deadline.
import { cpus, loadavg } from 'node:os';
import { workflowRunner } from './cases/workflow.mjs';
import { num, table } from './lib/table.mjs';
import { createWorkspace } from './lib/workspace.mjs';

const ROUNDS = 2;
const WINDOW = { durationMs: 1500, warmupMs: 300 };
const STORES = ['memory', 'file', 'sqlite'];
const CONCURRENCY = [1, 16, 64];

const loadBefore = loadavg();
const workspace = await createWorkspace();
try {
  const runners = {};
  for (const store of STORES) runners[store] = await workflowRunner(workspace, store, 'validated');
  /** best runs/s of the rounds, and the main thread's CPU per run in that round */
  const best = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const concurrency of CONCURRENCY) {
      for (const store of STORES) {
        const sample = await runners[store].throughput(concurrency, WINDOW);
        const key = `${store}/${concurrency}`;
        if (!best[key] || sample.perSecond > best[key].perSecond) best[key] = sample;
        process.stderr.write(`round ${round + 1}: ${key} ${num(sample.perSecond)} runs/s\n`);
      }
    }
  }
  await Promise.all(Object.values(runners).map((runner) => runner.close()));
  const loads = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `\nRun stores, runValidated(4-step plan): Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ` +
      `load average ${loads(loadBefore)} before and ${loads(loadavg())} after, ${new Date().toISOString()}\n`,
  );
  const rows = [];
  for (const concurrency of CONCURRENCY) {
    for (const store of STORES) {
      const { perSecond, cpuPerRunUs } = best[`${store}/${concurrency}`];
      rows.push([
        `${store}, concurrency ${concurrency}`,
        num(perSecond),
        cpuPerRunUs === undefined ? '' : num(cpuPerRunUs),
        `${num(perSecond / best[`file/${concurrency}`].perSecond)}×`,
        `${num(perSecond / best[`memory/${concurrency}`].perSecond)}×`,
      ]);
    }
  }
  console.log(
    table(
      [
        ['store', 'left'],
        ['runs/s (best of rounds)', 'right'],
        ['main-thread µs CPU/run', 'right'],
        ['× file store', 'right'],
        ['× memory store', 'right'],
      ],
      rows,
    ),
  );
} finally {
  await workspace.remove();
}
