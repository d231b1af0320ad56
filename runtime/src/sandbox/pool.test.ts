import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromSandbox, Sandbox, SandboxFactory, ToSandbox } from './channel.js';
import { VersionPool } from './pool.js';

/** A sandbox that records what it is sent and answers only when the test says so. */
interface FakeSandbox {
  sent: ToSandbox[];
  killed: boolean;
  answer(id: number, output: unknown): void;
}

function fakeFactory(): { factory: SandboxFactory; sandboxes: FakeSandbox[] } {
  const sandboxes: FakeSandbox[] = [];
  const factory: SandboxFactory = () => {
    let listener: (message: FromSandbox) => void = () => {};
    const fake: FakeSandbox = {
      sent: [],
      killed: false,
      answer: (id, output) => listener({ type: 'result', id, ok: true, json: JSON.stringify(output) }),
    };
    sandboxes.push(fake);
    const sandbox: Sandbox = {
      send: (message) => fake.sent.push(message),
      onMessage: (l) => {
        listener = l;
        queueMicrotask(() => l({ type: 'ready' }));
      },
      onExit: () => {},
      kill: async () => {
        fake.killed = true;
      },
    };
    return sandbox;
  };
  return { factory, sandboxes };
}

const SPEC = { bundle: '/nowhere/connector.mjs', network: [], label: '@acme/connector-fake@1.0.0' };
const OPTIONS = {
  maxSandboxes: 1,
  callsPerSandbox: 1,
  abortGraceMs: 50,
  idleMs: 1000,
  loadTimeoutMs: 5000,
  maxOutputBytes: 1024,
  limits: { memoryMb: 64, rssMb: 128 },
};

const invokes = (fake: FakeSandbox) =>
  fake.sent.filter((m): m is Extract<ToSandbox, { type: 'invoke' }> => m.type === 'invoke');

describe('VersionPool', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails a call cancelled while it waited for a busy sandbox without sending it, and serves the next', async () => {
    const { factory, sandboxes } = fakeFactory();
    const pool = new VersionPool(SPEC, factory, OPTIONS);
    const first = pool.call('echo', { n: 1 }, {}, { timeoutMs: 5000 });
    await vi.advanceTimersByTimeAsync(0);
    const controller = new AbortController();
    const cancelled = pool.call('echo', { n: 2 }, {}, { timeoutMs: 5000, signal: controller.signal });
    const third = pool.call('echo', { n: 3 }, {}, { timeoutMs: 5000 });
    controller.abort();
    const [sandbox] = sandboxes;
    if (!sandbox) throw new Error('no sandbox was spawned');
    sandbox.answer(invokes(sandbox)[0]?.id ?? 0, { n: 1 });
    await expect(first).resolves.toEqual({ n: 1 });
    await expect(cancelled).rejects.toMatchObject({ failure: 'cancelled' });
    await vi.advanceTimersByTimeAsync(0);
    expect(invokes(sandbox).map((m) => m.input)).toEqual([{ n: 1 }, { n: 3 }]);
    sandbox.answer(invokes(sandbox)[1]?.id ?? 0, { n: 3 });
    await expect(third).resolves.toEqual({ n: 3 });
    await pool.close();
  });

  it('cancels a running call whose signal fires, early in the call or late, and tells its sandbox', async () => {
    const { factory, sandboxes } = fakeFactory();
    const pool = new VersionPool(SPEC, factory, { ...OPTIONS, maxSandboxes: 2 });
    const early = new AbortController();
    const late = new AbortController();
    const first = pool.call('echo', { n: 1 }, {}, { timeoutMs: 5000, signal: early.signal });
    const second = pool.call('echo', { n: 2 }, {}, { timeoutMs: 5000, signal: late.signal });
    const firstFailure = expect(first).rejects.toMatchObject({ failure: 'cancelled' });
    const secondFailure = expect(second).rejects.toMatchObject({ failure: 'cancelled' });
    await vi.advanceTimersByTimeAsync(0);
    early.abort();
    await vi.advanceTimersByTimeAsync(1000);
    await firstFailure;
    late.abort();
    await secondFailure;
    expect(sandboxes.flatMap((s) => s.sent.filter((m) => m.type === 'abort'))).toHaveLength(2);
    await pool.close();
  });

  it('times out each call at its own deadline and asks the sandbox to abort it', async () => {
    const { factory, sandboxes } = fakeFactory();
    const pool = new VersionPool(SPEC, factory, { ...OPTIONS, maxSandboxes: 2 });
    const slow = pool.call('echo', { n: 1 }, {}, { timeoutMs: 300 });
    const quick = pool.call('echo', { n: 2 }, {}, { timeoutMs: 100 });
    const quickFailure = expect(quick).rejects.toMatchObject({ failure: 'timeout' });
    const slowFailure = expect(slow).rejects.toMatchObject({ failure: 'timeout' });
    await vi.advanceTimersByTimeAsync(100);
    await quickFailure;
    expect(sandboxes.flatMap((s) => s.sent.filter((m) => m.type === 'abort'))).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await slowFailure;
    expect(sandboxes.flatMap((s) => s.sent.filter((m) => m.type === 'abort'))).toHaveLength(2);
    await pool.close();
  });

  it('retires a sandbox idleMs after its last call, not after the first', async () => {
    const { factory, sandboxes } = fakeFactory();
    const pool = new VersionPool(SPEC, factory, OPTIONS);
    const callAndAnswer = async (n: number) => {
      const call = pool.call('echo', { n }, {}, { timeoutMs: 5000 });
      await vi.advanceTimersByTimeAsync(0);
      const sandbox = sandboxes[0];
      if (!sandbox) throw new Error('no sandbox was spawned');
      sandbox.answer(invokes(sandbox).at(-1)?.id ?? 0, { n });
      await call;
    };
    await callAndAnswer(1);
    await vi.advanceTimersByTimeAsync(600);
    await callAndAnswer(2);
    await vi.advanceTimersByTimeAsync(600);
    expect(sandboxes[0]?.killed).toBe(false);
    await vi.advanceTimersByTimeAsync(400);
    expect(sandboxes[0]?.killed).toBe(true);
    expect(sandboxes).toHaveLength(1);
    await pool.close();
  });
});
