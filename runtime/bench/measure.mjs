// The measurements behind `pnpm bench` (see run.mjs): MOVA's dispatch, cold loads and workflow runs
// against a raw worker_threads round trip taken in the same process, printed as one table.
// Loopback only; every loop has an iteration count and a time cap, so it ends by itself.
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SandboxHost } from '@mova/runtime/sandbox';
import { coldLoad, openSandboxHost } from './cases/dispatch.mjs';
import { phases } from './cases/phases.mjs';
import { openPiscina, openRawProcess, openRawWorker, rawFork, rawWorkerSpawn, SANDBOX_FLAGS } from './cases/raw.mjs';
import { workflowRunner } from './cases/workflow.mjs';
import { profileWindow } from './lib/profile.mjs';
import { COLUMNS, rowsAgainst } from './lib/rows.mjs';
import { interleavedLatency, interleavedSamples, summarize } from './lib/stats.mjs';
import { num, table } from './lib/table.mjs';
import { createWorkspace } from './lib/workspace.mjs';

const PROFILE = process.argv.includes('--profile');
/** Round trips: 5 turns each, up to 4000 calls or 0.6 s a turn. */
const ROUND_TRIPS = { rounds: 5, warmup: 500, iterations: 4000, maxMs: 600 };
const COLD_TIMES = 9;
/** Workflow runs: 4 turns each, up to 750 runs or 1 s a turn. */
const RUNS = { rounds: 4, warmup: 10, iterations: 750, maxMs: 1000 };
const WINDOW = { durationMs: 2000, warmupMs: 400 };
const PIECES = { warmup: 20, iterations: 500, maxMs: 1500 };
const GITHUB = fileURLToPath(new URL('../../connectors/github/', import.meta.url));

const loadBefore = loadavg();
const started = performance.now();
const log = (text) => process.stderr.write(`${text}\n`);
const osStatus = await new SandboxHost().processSandboxStrength();
const osAvailable = osStatus.strength === 'strong';
const workspace = await createWorkspace();
const noop = { manifest: workspace.manifest, bundlePath: workspace.noopBundle, integrity: 'bench-noop' };

try {
  log('round trips: raw worker, piscina, SandboxHost (worker), raw child process, SandboxHost (process)…');
  const channels = {
    raw: openRawWorker(),
    piscina: openPiscina(),
    worker: await openSandboxHost('worker', noop),
    ipc: openRawProcess(),
    process: await openSandboxHost('process', noop, { osSandbox: 'off' }),
    ...(osAvailable ? { processOs: await openSandboxHost('process', noop, { osSandbox: 'require' }) } : {}),
  };
  const trips = await interleavedLatency(
    Object.fromEntries(Object.entries(channels).map(([name, channel]) => [name, channel.call])),
    ROUND_TRIPS,
  );
  await Promise.all(Object.values(channels).map((channel) => channel.close()));
  const [raw, piscina, worker, ipc, processHost] = ['raw', 'piscina', 'worker', 'ipc', 'process'].map((name) =>
    summarize(trips[name]),
  );
  const row = rowsAgainst(raw.p50);
  const rows = [
    row.latency('raw worker_threads postMessage round trip (baseline)', raw),
    row.latency('piscina run() of the same no-op, 1 thread', piscina),
    row.latency('SandboxHost warm dispatch, worker isolation', worker, {
      target: '≤ 1.5× raw',
      ok: worker.p50 <= 1.5 * raw.p50,
    }),
    row.latency('raw child-process IPC round trip (fork, advanced serialization)', ipc),
    row.latency('SandboxHost warm dispatch, process isolation, weak (permission model + in-realm guard)', processHost, {
      target: '≤ 1.5× raw',
      ok: processHost.p50 <= 1.5 * raw.p50,
      note: `${num(processHost.p50 / ipc.p50)}× raw IPC`,
    }),
  ];
  if (trips.processOs) {
    const os = summarize(trips.processOs);
    rows.push(
      row.latency('SandboxHost warm dispatch, process isolation in OS namespaces (bubblewrap + egress proxy)', os, {
        note: `${num(os.p50 / ipc.p50)}× raw IPC, ${num(os.p50 / processHost.p50)}× weak`,
      }),
    );
  } else rows.push(['SandboxHost warm dispatch, OS sandbox', `skipped: ${osStatus.reason}`]);

  log('cold loads…');
  const github = await githubTarget();
  const bundles = [
    [
      'tiny',
      'tiny no-op (0.3 KB, no imports)',
      { ...noop, bundlePath: workspace.tinyBundle, integrity: 'bench-tiny' },
      'noop.run',
    ],
    ['sdk', 'SDK-built no-op (esbuild, 120 KB)', noop, 'noop.run'],
    ...(github ? [['github', 'github 1.0.0 (327 KB)', github, 'bench.load-only']] : []),
  ];
  const certs = process.env.NODE_EXTRA_CA_CERTS;
  const measures = {
    spawn: () => rawWorkerSpawn(),
    fork: () => rawFork({}),
    forkPermission: () => rawFork({}, SANDBOX_FLAGS),
    ...(certs ? { forkCerts: () => rawFork({ NODE_EXTRA_CA_CERTS: certs }) } : {}),
  };
  const isolations = {
    worker: ['worker', {}],
    'worker with spare': ['worker', { spare: true }],
    'process, weak': ['process', { osSandbox: 'off' }],
    'process, weak, with spare': ['process', { osSandbox: 'off', spare: true }],
    ...(osAvailable
      ? {
          'process, OS namespaces': ['process', { osSandbox: 'require' }],
          'process, OS namespaces, with spare': ['process', { osSandbox: 'require', spare: true }],
        }
      : {}),
  };
  for (const [name, [isolation, options]] of Object.entries(isolations)) {
    for (const [id, , target, key] of bundles)
      measures[`${name}/${id}`] = () => coldLoad(isolation, target, key, options);
  }
  const cold = await interleavedSamples(measures, COLD_TIMES);
  const spawn = summarize(cold.spawn);
  const forkBare = summarize(cold.fork);
  rows.push(row.millis('raw Worker spawn → first message', spawn));
  rows.push(row.millis('raw fork → first IPC message, empty env', forkBare));
  const forkPermission = summarize(cold.forkPermission);
  rows.push(row.millis('raw fork → first IPC message, empty env, sandbox permission flags', forkPermission));
  if (cold.forkCerts)
    rows.push(row.millis('raw fork → first IPC message, with NODE_EXTRA_CA_CERTS', summarize(cold.forkCerts)));
  for (const isolation of Object.keys(isolations)) {
    for (const [id, name] of bundles) {
      const s = summarize(cold[`${isolation}/${id}`]);
      rows.push(
        row.millis(`cold load, ${isolation}: ${name}`, s, {
          target: '≤ 50 ms',
          ok: s.p50 <= 50,
          note: isolation.startsWith('worker')
            ? `${num(s.p50 / spawn.p50)}× raw spawn`
            : `${num(s.p50 / forkBare.p50)}× raw fork, ${num(s.p50 / forkPermission.p50)}× with flags`,
        }),
      );
    }
  }
  if (!github) rows.push(['cold load, github', 'skipped: connectors/github/dist is not built (run `pnpm build`)']);

  log('4-step workflow: latency…');
  const variants = [
    ['run/file', 'run(workflow), FileRunStore'],
    ['run/memory', 'run(workflow), memory store (no fsync)'],
    ['validated/file', 'runValidated(plan), FileRunStore'],
    ['validated/memory', 'runValidated(plan), memory store (no fsync)'],
  ];
  const runners = {};
  for (const [key] of variants) {
    const [mode, store] = key.split('/');
    runners[key] = await workflowRunner(workspace, store, mode);
  }
  const runs = await interleavedLatency(
    Object.fromEntries(Object.entries(runners).map(([key, runner]) => [key, runner.once])),
    RUNS,
  );
  for (const [key, label] of variants) {
    const s = summarize(runs[key]);
    rows.push(row.latency(`4-step run, ${label}`, s, { target: 'p50 ≤ 500 µs', ok: s.p50 <= 500 }));
  }

  log('4-step workflow: throughput…');
  for (const [key, label] of variants) {
    for (const concurrency of [1, 16, 64]) {
      const { perSecond, cpuPerRunUs } = await runners[key].throughput(concurrency, WINDOW);
      rows.push(
        row.rate(`runs/s, ${label}, concurrency ${concurrency}`, perSecond, {
          target: '≥ 10,000',
          ok: perSecond >= 10_000,
          note: cpuPerRunUs === undefined ? '' : `main thread ${num(cpuPerRunUs)} µs CPU/run`,
        }),
      );
    }
  }

  log('where the time goes…');
  const pieces = await phases(workspace, PIECES);
  const heapValidated = await runners['validated/memory'].allocationsPerRun(1000);
  const heapRun = await runners['run/memory'].allocationsPerRun(200);
  let hottest = [];
  let profileFile;
  if (PROFILE) {
    profileFile = join(tmpdir(), `mova-bench-runValidated-${process.pid}.cpuprofile`);
    hottest = await profileWindow(() => runners['validated/memory'].throughput(16, WINDOW), profileFile);
  }
  await Promise.all(Object.values(runners).map((runner) => runner.close()));

  const loadAfter = loadavg();
  const loads = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `\nMOVA runtime bench: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ` +
      `load average ${loads(loadBefore)} before and ${loads(loadAfter)} after, ` +
      `NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'not set'}, ${new Date().toISOString()}\n`,
  );
  console.log(table(COLUMNS, rows));
  console.log("\nWhere one 4-step run's time goes (µs per run; each piece timed alone, median)\n");
  console.log(
    table(
      [
        ['piece', 'left'],
        ['µs', 'right'],
      ],
      phaseRows(pieces, heapValidated, heapRun),
    ),
  );
  if (profileFile) {
    console.log(`\nHottest functions, runValidated at concurrency 16, main thread self time (${profileFile})\n`);
    console.log(
      table(
        [
          ['function', 'left'],
          ['share', 'right'],
        ],
        hottest.map((h) => [h.name, `${(h.share * 100).toFixed(1)}%`]),
      ),
    );
  }
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
} finally {
  await workspace.remove();
}

function phaseRows(p, heapValidated, heapRun) {
  const kb = (bytes) => `${num(bytes / 1024)} KB`;
  const pct = (share) => `${(share * 100).toFixed(1)}%`;
  return [
    ['validation, paid by every run(workflow) and skipped by runValidated', num(p.validate)],
    ['  of which resolving the connector (read folder + manifest + bundle, sha512, validateManifest)', num(p.resolve)],
    ['  of which validateManifest alone (strict ajv compile of each schema in the manifest)', num(p.validateManifest)],
    ['  of which the workflow schema check (ajv)', num(p.workflowSchema)],
    ['5 JSONata expressions', num(p.expressions)],
    ['ajv checks: workflow inputs, then auth + input + output for each of 2 calls', num(p.checks)],
    ['host dispatch: 2 warm worker calls', num(p.dispatch)],
    ['store writes of one run, memory store (10 calls)', num(p.memoryStore)],
    ['store writes of one run, FileRunStore (10 appends, each fdatasync; + dir fsync, marker)', num(p.fileStore)],
    ['  one durable append (open, write, fdatasync, close)', num(p.datasync)],
    [
      'main-thread allocations per run, runValidated / run(workflow)',
      `${kb(heapValidated.bytes)} / ${kb(heapRun.bytes)}`,
    ],
    ['GC share of wall time, runValidated / run(workflow)', `${pct(heapValidated.gcShare)} / ${pct(heapRun.gcShare)}`],
  ];
}

async function githubTarget() {
  try {
    const manifest = JSON.parse(await readFile(`${GITHUB}mova.manifest.json`, 'utf8'));
    await readFile(`${GITHUB}dist/connector.mjs`);
    // Loaded, never called; with an empty allow-list the sandbox's guard refuses any connection anyway.
    const offline = { ...manifest, network: { ...manifest.network, allow: [] } };
    return { manifest: offline, bundlePath: `${GITHUB}dist/connector.mjs`, integrity: 'bench-github' };
  } catch {
    return undefined;
  }
}
