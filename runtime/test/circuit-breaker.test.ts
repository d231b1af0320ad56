import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorHost } from '../src/host/types.js';
import { SandboxHost } from '../src/sandbox/host.js';
import type { Step } from '../src/workflow/types.js';
import { buildFixtureManifests, testRuntime, workflow } from './helpers.js';

const connections = { tools: { connector: 'tools' } };

/** The sandbox host, counting the calls that reach it. */
function countingHost(): ConnectorHost & { calls: number } {
  const sandbox = new SandboxHost();
  const host = {
    calls: 0,
    invoke: (...args: Parameters<ConnectorHost['invoke']>) => {
      host.calls++;
      return sandbox.invoke(...args);
    },
    close: () => sandbox.close(),
  };
  return host;
}

function flaky(id: string, failures: number, extra: Partial<Step> = {}): Step {
  return {
    id: 'call',
    uses: 'tools/flaky.call@1',
    connection: 'tools',
    with: { id, failures, kind: 'transient' },
    ...extra,
  } as Step;
}

let t: Awaited<ReturnType<typeof testRuntime>> | undefined;
beforeAll(() => buildFixtureManifests());
afterEach(() => t?.cleanup());

describe('circuit breakers through createRuntime', () => {
  it('opens after consecutive transient failures, fails fast without the sandbox, probes after the cool-down and closes', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    const host = countingHost();
    t = await testRuntime({ host, circuitBreaker: { failures: 3, coolDown: '30s', now: () => clock.now } });
    const id = `breaker-${process.pid}-${Date.now()}`;
    const flow = workflow([flaky(id, 3)], { connections });

    for (let i = 1; i <= 3; i++) {
      const result = await t.runtime.run(flow);
      expect(result.error).toMatchObject({ kind: 'transient', message: expect.stringContaining(`call ${i} failed`) });
    }
    expect(host.calls).toBe(3);
    expect(t.runtime.breakers()).toEqual([
      {
        connector: '@mova/connector-tools@1.0.0',
        connection: 'tools',
        state: 'open',
        failures: 3,
        openedAt: '2026-01-01T00:00:00.000Z',
        nextProbeAt: '2026-01-01T00:00:30.000Z',
      },
    ]);

    // Open: fails fast, the sandbox is not called.
    const fast = await t.runtime.run(flow);
    expect(fast.status).toBe('failed');
    expect(fast.error).toMatchObject({
      code: 'E_CIRCUIT_OPEN',
      kind: 'transient',
      step: 'call',
      connector: '@mova/connector-tools@1.0.0',
      message: expect.stringContaining('2026-01-01T00:00:30.000Z'),
    });
    expect(host.calls).toBe(3);
    expect((await t.store.getRun(fast.runId))?.steps[0]?.error?.code).toBe('E_CIRCUIT_OPEN');

    // After the cool-down one probe goes through; the connector counts it as its 4th call, so the
    // fast failure never reached it.
    clock.now += 30_000;
    const probe = await t.runtime.run(flow);
    expect(probe).toMatchObject({ status: 'completed', output: { calls: 4 } });
    expect(host.calls).toBe(4);
    expect(t.runtime.breakers()).toEqual([
      { connector: '@mova/connector-tools@1.0.0', connection: 'tools', state: 'closed', failures: 0 },
    ]);
  });

  it("counts each failed retry, and stops a step's retries when the breaker opens", async () => {
    const host = countingHost();
    t = await testRuntime({ host, circuitBreaker: { failures: 3 } });
    const id = `retries-${process.pid}-${Date.now()}`;
    const result = await t.runtime.run(
      workflow([flaky(id, 10, { retry: { attempts: 6, delay: '1ms', jitter: false } })], { connections }),
    );
    expect(result.error).toMatchObject({ code: 'E_CIRCUIT_OPEN' });
    expect(host.calls).toBe(3);
    expect((await t.store.getRun(result.runId))?.steps[0]).toMatchObject({ status: 'failed', attempts: 4 });
    expect(t.runtime.breakers()[0]).toMatchObject({ state: 'open', failures: 3 });
  });

  it('polls go through the breaker of their connector and connection', async () => {
    const down = Object.assign(new Error('503 from the service'), { code: 'E_CONNECTOR', kind: 'transient' });
    const host = {
      calls: 0,
      invoke: async () => {
        host.calls++;
        throw down;
      },
    };
    t = await testRuntime({ host, circuitBreaker: { failures: 2 } });
    const poll = () => t?.runtime.poll('@acme/connector-widgets/widgets.new@0', { input: { widgets: [] } });
    await expect(poll()).rejects.toMatchObject({ kind: 'transient', message: expect.stringContaining('503') });
    await expect(poll()).rejects.toMatchObject({ kind: 'transient' });
    await expect(poll()).rejects.toMatchObject({ code: 'E_CIRCUIT_OPEN' });
    expect(host.calls).toBe(2);
    expect(t.runtime.breakers()).toEqual([
      expect.objectContaining({ connector: '@acme/connector-widgets@0.3.1', connection: null, state: 'open' }),
    ]);
  });

  it('circuitBreaker: false keeps calling', async () => {
    const host = countingHost();
    t = await testRuntime({ host, circuitBreaker: false });
    const flow = workflow([flaky(`off-${process.pid}-${Date.now()}`, 10)], { connections });
    for (let i = 0; i < 7; i++) expect((await t.runtime.run(flow)).error?.kind).toBe('transient');
    expect(host.calls).toBe(7);
    expect(t.runtime.breakers()).toEqual([]);
  });
});
