import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../src/events.js';
import type { Step } from '../src/workflow/types.js';
import { buildFixtureManifests, testRuntime, workflow } from './helpers.js';

const connections = { tools: { connector: 'tools' } };
let counter = 0;
const uniqueId = () => `c${Date.now()}-${counter++}`;

function flaky(failures: number, kind: string, extra: Partial<Step> & { retryAfter?: number } = {}): Step {
  const { retryAfter, ...step } = extra;
  return {
    id: 'call',
    uses: 'tools/flaky.call@1',
    connection: 'tools',
    with: { id: uniqueId(), failures, kind, ...(retryAfter === undefined ? {} : { retryAfter }) },
    ...step,
  } as Step;
}

let t: Awaited<ReturnType<typeof testRuntime>>;

beforeAll(async () => {
  await buildFixtureManifests();
  t = await testRuntime();
});
afterAll(() => t.cleanup());

describe('retry', () => {
  it('retries a transient failure with backoff until it succeeds', async () => {
    const events: RunEvent[] = [];
    const result = await t.runtime.run(
      workflow([flaky(2, 'transient', { retry: { attempts: 3, delay: '10ms', jitter: false } })], { connections }),
      {},
      { onEvent: (e) => events.push(e) },
    );
    expect(result).toMatchObject({ status: 'completed', output: { calls: 3 } });
    const retries = events.filter((e) => e.type === 'step.retrying');
    expect(retries.map((e) => (e.type === 'step.retrying' ? [e.attempt, e.delayMs, e.error.kind] : []))).toEqual([
      [2, 10, 'transient'],
      [3, 20, 'transient'],
    ]);
    const run = await t.store.getRun(result.runId);
    expect(run?.steps[0]).toMatchObject({ status: 'completed', attempts: 3 });
  });

  it('gives up after the last attempt with the last error', async () => {
    const result = await t.runtime.run(
      workflow([flaky(5, 'transient', { retry: { attempts: 2, delay: '5ms' } })], { connections }),
    );
    expect(result.error).toMatchObject({ kind: 'transient', message: expect.stringContaining('call 2 failed') });
    expect((await t.store.getRun(result.runId))?.steps[0]).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('does not retry a kind that is not retryable', async () => {
    const result = await t.runtime.run(
      workflow([flaky(1, 'not_found', { retry: { attempts: 5, delay: '5ms' } })], { connections }),
    );
    expect(result.error?.kind).toBe('not_found');
    expect((await t.store.getRun(result.runId))?.steps[0]?.attempts).toBe(1);
  });

  it('does not retry without a retry policy', async () => {
    const result = await t.runtime.run(workflow([flaky(1, 'transient')], { connections }));
    expect(result.error?.kind).toBe('transient');
  });

  it("waits for the service's Retry-After", async () => {
    const started = Date.now();
    const result = await t.runtime.run(
      workflow([flaky(1, 'rate_limit', { retryAfter: 0.25, retry: { attempts: 2, delay: '1ms' } })], { connections }),
    );
    expect(result.status).toBe('completed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(245);
  });

  it('fails instead of waiting longer than the runtime allows', async () => {
    const strict = await testRuntime({ limits: { maxRetryWaitMs: 100 } });
    const result = await strict.runtime.run(
      workflow([flaky(1, 'rate_limit', { retryAfter: 60, retry: { attempts: 3, delay: '1ms' } })], { connections }),
    );
    await strict.cleanup();
    expect(result.error).toMatchObject({ kind: 'rate_limit', retryAfter: 60 });
  });

  it('retries a whole block when a step inside it fails', async () => {
    const id = uniqueId();
    const result = await t.runtime.run(
      workflow(
        [
          {
            id: 'block',
            retry: { attempts: 2, delay: '1ms' },
            try: [
              {
                id: 'call',
                uses: 'tools/flaky.call@1',
                connection: 'tools',
                with: { id, failures: 1, kind: 'transient' },
              },
            ],
            catch: { kinds: ['not_found'], do: [{ id: 'never', set: 0 }] },
          },
        ],
        { connections },
      ),
    );
    expect(result.output).toEqual({ calls: 2 });
  });
});

describe('timeout', () => {
  it('aborts a slow action and fails the step on time', async () => {
    const started = Date.now();
    const result = await t.runtime.run(
      workflow([{ id: 'slow', uses: 'tools/slow.wait@1', connection: 'tools', with: { ms: 5000 }, timeout: '100ms' }], {
        connections,
      }),
    );
    // Sooner than the action's own 5 s: aborted, not waited for. No tighter bound, which a loaded
    // machine could stretch.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.error).toMatchObject({ kind: 'timeout', step: 'slow', pointer: '/steps/0/timeout' });
    expect(result.error?.message).toBe('step "slow" timed out after 100ms');
  });

  it('fails on time even when the action ignores its abort signal', async () => {
    const started = Date.now();
    const result = await t.runtime.run(
      workflow(
        [
          {
            id: 'stubborn',
            uses: 'tools/slow.wait@1',
            connection: 'tools',
            with: { ms: 3000, ignoreSignal: true },
            timeout: '50ms',
          },
        ],
        { connections },
      ),
    );
    // Sooner than the action's own 3 s: the step did not wait for an action that ignores its signal.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.error?.kind).toBe('timeout');
  });

  it('retries a timeout, a retryable kind', async () => {
    const events: RunEvent[] = [];
    const result = await t.runtime.run(
      workflow(
        [
          {
            id: 'slow',
            uses: 'tools/slow.wait@1',
            connection: 'tools',
            with: { ms: 5000 },
            timeout: '30ms',
            retry: { attempts: 2, delay: '1ms' },
          },
        ],
        { connections },
      ),
      {},
      { onEvent: (e) => events.push(e) },
    );
    expect(result.error?.kind).toBe('timeout');
    expect(events.filter((e) => e.type === 'step.retrying')).toHaveLength(1);
  });

  it('times out a whole block, failing the step running inside it', async () => {
    const result = await t.runtime.run(
      workflow([
        {
          id: 'loop',
          timeout: '80ms',
          repeat: { for_each: [1, 2, 3] },
          do: [{ id: 'pause', wait: { duration: '50ms' } }],
        },
      ]),
    );
    expect(result.error).toMatchObject({ kind: 'timeout', step: 'loop' });
    const run = await t.store.getRun(result.runId);
    expect(run?.steps.map((s) => [s.key, s.status])).toEqual([
      ['loop', 'failed'],
      ['pause[0]', 'completed'],
      ['pause[1]', 'failed'],
    ]);
  });

  it('can be caught by kind', async () => {
    const result = await t.runtime.run(
      workflow(
        [
          {
            id: 'guard',
            try: [{ id: 'slow', uses: 'tools/slow.wait@1', connection: 'tools', with: { ms: 5000 }, timeout: '20ms' }],
            catch: { kinds: ['timeout'], do: [{ id: 'fallback', set: 'gave up' }] },
          },
        ],
        { connections },
      ),
    );
    expect(result.output).toBe('gave up');
  });
});
