// `node bench/queue.mjs [--runs 1000] [--workers 1,2,4] [--concurrency 16]` (from runtime/, after a
// build): queue mode's runs/s with 1, 2 and 4 worker processes on this machine, on the local Redis
// (127.0.0.1:6379) and PostgreSQL (127.0.0.1:5432, database test), next to the same runs in one
// process on the same PostgreSQL store. Each worker count gets a fresh Redis key prefix; everything
// lives in one fresh PostgreSQL schema, dropped at the end with the temporary workspace.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createRuntime, WorkspaceSource } from '@mova/runtime';
import { PgRunStore } from '@mova/runtime/postgres';
import { checkRedis, QueueWorker, RunQueue, withWorker } from '@mova/runtime/queue';
import { QueueEvents } from 'bullmq';
import pg from 'pg';
import { printJson } from './lib/json-out.mjs';
import { createWorkspace } from './lib/workspace.mjs';

const REDIS = 'redis://127.0.0.1:6379';
const DATABASE = 'postgres://postgres@127.0.0.1:5432/test';

/** The bench's 4-step workflow (as bench/lib/workflow.mjs): a set, an if, two no-op connector calls. */
const FOUR_STEPS = {
  mova: '1.0',
  name: 'bench-four-steps',
  inputs: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
  steps: [
    { id: 'prepare', set: { n: '{{ inputs.n }}' } },
    {
      id: 'check',
      if: '{{ steps.prepare.output.n > 0 }}',
      // biome-ignore lint/suspicious/noThenProperty: a branch step's "then" is its list of steps
      then: [{ id: 'first', uses: 'noop/noop.run@^1', with: { n: '{{ steps.prepare.output.n }}' } }],
    },
    { id: 'second', uses: 'noop/noop.run@^1', with: { n: '{{ steps.check.output.n + 1 }}' } },
  ],
  output: '{{ steps.second.output }}',
};

async function runtimeOver(connectors, schema, worker) {
  const store = new PgRunStore({ connectionString: DATABASE, schema });
  const runtime = createRuntime({
    sources: [new WorkspaceSource(connectors)],
    store: worker === undefined ? store : withWorker(store, worker),
    env: {},
  });
  await runtime.ready;
  const checked = await runtime.validate(FOUR_STEPS);
  if (!checked.ok) throw new Error(`the bench workflow is invalid: ${JSON.stringify(checked.issues)}`);
  return { runtime, plan: checked.workflow };
}

/** A worker process: runs jobs until the parent says stop. */
async function child() {
  const { connectors, schema, prefix, name, concurrency } = JSON.parse(process.argv[3]);
  const { runtime, plan } = await runtimeOver(connectors, schema, name);
  const workflows = new Map([[FOUR_STEPS.name, { name: FOUR_STEPS.name, file: '', trigger: 'manual', plan }]]);
  const worker = await QueueWorker.open({ url: REDIS, prefix, runtime, workflows, name, concurrency });
  process.send?.('ready');
  process.once('message', async () => {
    await worker.stop(5_000);
    await runtime.close();
    process.exit(0);
  });
}

/** Runs/s of `runs` runs with `count` worker processes, from the first run queued to the last one ended. */
async function queued(workspace, schema, count, runs, concurrency) {
  const prefix = `mova_bench_${randomBytes(4).toString('hex')}`;
  const children = Array.from({ length: count }, (_, i) =>
    fork(
      new URL(import.meta.url).pathname,
      [
        '--child',
        JSON.stringify({ connectors: workspace.connectors, schema, prefix, name: `bench-${i}`, concurrency }),
      ],
      { stdio: 'inherit' },
    ),
  );
  await Promise.all(children.map((c) => once(c, 'message')));
  const queue = await RunQueue.open({ url: REDIS, prefix });
  const events = new QueueEvents('runs', { connection: { host: '127.0.0.1', port: 6379 }, prefix });
  await events.waitUntilReady();
  let ended = 0;
  let failed = 0;
  const all = new Promise((resolve) => {
    const count = (failedOne) => {
      ended++;
      if (failedOne) failed++;
      if (ended === runs) resolve();
    };
    events.on('completed', ({ returnvalue }) => count(returnvalue?.status !== 'completed'));
    events.on('failed', () => count(true));
  });
  const workflow = { name: FOUR_STEPS.name };
  const started = performance.now();
  let next = 0;
  // 64 producers at once, as many webhook or API requests would be.
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < runs) await queue.start(workflow, { n: ++next }, 'bench');
    }),
  );
  await all;
  const seconds = (performance.now() - started) / 1000;
  for (const c of children) c.send('stop');
  await Promise.all(children.map((c) => once(c, 'exit')));
  await events.close();
  await queue.obliterate();
  await queue.close();
  if (failed > 0) throw new Error(`${failed} of ${runs} queued runs did not complete`);
  return runs / seconds;
}

/** The same runs in this process (what `serve` without --queue does), on the same PostgreSQL store. */
async function inProcess(workspace, schema, runs, concurrency) {
  const { runtime, plan } = await runtimeOver(workspace.connectors, schema);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < runs) {
        const result = await runtime.runValidated(plan, { n: ++next });
        if (result.status !== 'completed') throw new Error(`an in-process run ${result.status}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await runtime.close();
  return runs / seconds;
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '1000' },
      workers: { type: 'string', default: '1,2,4' },
      concurrency: { type: 'string', default: '16' },
      json: { type: 'boolean' },
    },
  });
  const runs = Number(values.runs);
  const concurrency = Number(values.concurrency);
  const counts = values.workers.split(',').map(Number);
  await checkRedis(REDIS);
  const admin = new pg.Client({ connectionString: DATABASE });
  await admin.connect();
  const schema = `mova_bench_queue_${randomBytes(4).toString('hex')}`;
  const workspace = await createWorkspace();
  const load = () => loadavg()[0].toFixed(1);
  const rows = [];
  try {
    const loadBefore = load();
    const single = await inProcess(workspace, schema, runs, concurrency);
    rows.push({ mode: `one process, ${concurrency} at once`, workers: 0, rate: single, load: loadBefore });
    for (const count of counts) {
      const loadAt = load();
      const rate = await queued(workspace, schema, count, runs, concurrency);
      rows.push({ mode: `queue, ${count} worker(s) × ${concurrency}`, workers: count, rate, load: loadAt });
    }
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    await workspace.remove();
  }
  const oneWorker = rows.find((r) => r.mode.startsWith('queue, 1 '))?.rate;
  console.log(`queue mode, ${runs} runs of the 4-step workflow each, PostgreSQL run store, 2 cores`);
  console.log('mode                              runs/s  × one process  × 1 worker  load avg (1 min)');
  for (const row of rows) {
    console.log(
      `${row.mode.padEnd(32)}  ${row.rate.toFixed(0).padStart(6)}  ${(row.rate / rows[0].rate).toFixed(2).padStart(12)}×  ${oneWorker ? `${(row.rate / oneWorker).toFixed(2).padStart(8)}×` : '         '}  ${row.load}`,
    );
  }
  printJson('queue', { runs, concurrency, rows });
}

if (process.argv[2] === '--child') await child();
else await main();
