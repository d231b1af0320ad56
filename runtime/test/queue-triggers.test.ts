import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedWorkflow } from '../src/engine/engine.js';
import { checkRedis } from '../src/queue/connection.js';
import { RunQueue } from '../src/queue/run-queue.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import { tempDir } from './helpers.js';

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
    expect(delayed.map((job) => job.data.workflow).sort()).toEqual(['hourly', 'nightly']);
    expect(delayed.every((job) => job.name === 'run')).toBe(true);

    // A server of the next project version no longer serves "hourly": its scheduler goes.
    await b.syncTriggers([nightly]);
    expect((await a.queue.getJobSchedulers()).map((s) => s.key)).toEqual(['schedule:nightly']);
    expect((await a.queue.getDelayed()).map((job) => job.data.workflow)).toEqual(['nightly']);
  });
});
