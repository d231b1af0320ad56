import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, type ServedWorkflow } from '../src/engine/engine.js';
import { checkRedis } from '../src/queue/connection.js';
import type { RunJob } from '../src/queue/jobs.js';
import { QueueWorker } from '../src/queue/queue-worker.js';
import { RunQueue } from '../src/queue/run-queue.js';
import { withWorker } from '../src/queue/worker-store.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { WorkspaceSource } from '../src/sources/workspace-source.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import { buildFixtureManifests, FIXTURES, tempDir } from './helpers.js';

// Two servers of one deployment on the local Redis, under a fresh key prefix removed at the end.
const REDIS = 'redis://127.0.0.1:6379';
const PREFIX = `mova_test_${process.pid}_${randomBytes(4).toString('hex')}`;

let dir: Awaited<ReturnType<typeof tempDir>>;
let runtime: Runtime;
const queues: RunQueue[] = [];

async function served(name: string, trigger: Record<string, unknown>): Promise<ServedWorkflow> {
  const checked = await runtime.validate(
    JSON.stringify({ mova: '1.0', name, trigger, steps: [{ id: 'noted', set: 1 }] }),
  );
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const kind = 'schedule' in trigger ? 'schedule' : 'manual';
  return { name, file: `${name}.json`, trigger: kind, plan: checked.workflow };
}

beforeAll(async () => {
  await checkRedis(REDIS).catch((error: Error) => {
    throw new Error(`this test needs Redis on 127.0.0.1:6379: ${error.message}`);
  });
  await buildFixtureManifests();
  dir = await tempDir();
  runtime = createRuntime({ store: new FileRunStore(dir.path), env: {} });
  for (let i = 0; i < 2; i++) queues.push(await RunQueue.open({ url: REDIS, prefix: PREFIX }));
});

afterAll(async () => {
  await queues[0]?.obliterate();
  await Promise.all(queues.map((q) => q.close()));
  await runtime?.close();
  await dir?.remove();
});

describe('RunQueue job schedulers', () => {
  it('keeps one scheduler and one next fire per schedule however many servers sync, and drops unserved ones', async () => {
    const [a, b] = queues as [RunQueue, RunQueue];
    const nightly = await served('nightly', { schedule: { cron: '0 3 * * *', timezone: 'Europe/Paris' } });
    const hourly = await served('hourly', { schedule: { cron: '0 * * * *' } });
    const manual = await served('by-hand', { manual: {} });
    expect(await a.syncTriggers([nightly, hourly, manual])).toEqual({ schedules: ['nightly', 'hourly'], polls: [] });
    expect(await b.syncTriggers([nightly, hourly, manual])).toEqual({ schedules: ['nightly', 'hourly'], polls: [] });

    const schedulers = await a.queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
      ['schedule:hourly', '0 * * * *', 'UTC'],
      ['schedule:nightly', '0 3 * * *', 'Europe/Paris'],
    ]);
    // Each scheduler holds exactly one delayed job, its next fire time: two servers, no double fire.
    const delayed = await a.queue.getDelayed();
    expect(delayed.map((job) => (job.data as RunJob).workflow).sort()).toEqual(['hourly', 'nightly']);
    expect(delayed.every((job) => job.name === 'run')).toBe(true);

    // A server of the next project version no longer serves "hourly": its scheduler goes.
    await b.syncTriggers([nightly]);
    expect((await a.queue.getJobSchedulers()).map((s) => s.key)).toEqual(['schedule:nightly']);
    expect((await a.queue.getDelayed()).map((job) => (job.data as RunJob).workflow)).toEqual(['nightly']);
  });
});

/** The widgets fixture's polling trigger over a fixed list, polled every second. */
const watcher = (widgets: string[]) => ({
  mova: '1.0',
  name: 'new-widgets',
  inputs: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
  trigger: {
    uses: '@acme/connector-widgets/widgets.new@^0.3',
    with: { widgets: widgets.map((id) => ({ id })) },
    every: '1s',
  },
  steps: [{ id: 'seen', set: '{{ inputs.id }}' }],
});

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('QueueWorker polls', () => {
  it('polls a connector trigger on a worker, keeps the dedupe state in Redis and queues one run per new item', async () => {
    const queue = queues[0] as RunQueue;
    const project = join(dir.path, 'project');
    const store = new FileRunStore(join(dir.path, 'runs'));
    const polled = createRuntime({ sources: [new WorkspaceSource(FIXTURES)], store: withWorker(store, 'poller-1') });
    await mkdir(project, { recursive: true });
    const open = async (widgets: string[]) => {
      await writeFile(join(project, 'watch.json'), JSON.stringify(watcher(widgets)));
      return Engine.open(project, { runtime: polled, dataDir: dir.path, dispatch: queue });
    };
    const client = await queue.queue.getBackend().client;
    const stateKey = `${PREFIX}:runs:poll-state:new-widgets`;
    try {
      // First version: the first poll records w1 and queues nothing.
      const first = await open(['w1']);
      expect(await queue.syncTriggers(first.workflows.values())).toEqual({ schedules: [], polls: ['new-widgets'] });
      let worker = await QueueWorker.open({
        url: REDIS,
        prefix: PREFIX,
        runtime: polled,
        workflows: first.workflows,
        name: 'poller-1',
      });
      await until(async () => (await client.get(stateKey)) !== null);
      await worker.stop(5_000);
      expect(await store.listRuns()).toEqual([]);

      // The next version lists w2 and w3 too: one run each, run by a worker, recorded with its name.
      const second = await open(['w1', 'w2', 'w3']);
      await queue.syncTriggers(second.workflows.values());
      worker = await QueueWorker.open({
        url: REDIS,
        prefix: PREFIX,
        runtime: polled,
        workflows: second.workflows,
        name: 'poller-1',
      });
      await until(async () => (await store.listRuns({ status: 'completed' })).length >= 2);
      await worker.stop(5_000);
      const runs = await store.listRuns();
      expect(runs.map((r) => (r.inputs as { id: string }).id).sort()).toEqual(['w2', 'w3']);
      for (const run of runs) {
        const record = await store.getRun(run.id);
        expect(record?.steps.map((step) => [step.id, step.worker])).toEqual([['seen', 'poller-1']]);
      }
    } finally {
      await polled.close();
    }
  }, 120_000);
});
