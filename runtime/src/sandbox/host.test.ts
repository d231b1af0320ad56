import { Auth, buildManifest, defineAction, defineConnector, Type } from '@mova/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectorTarget } from '../host/types.js';
import type { FromSandbox, Sandbox, ToSandbox } from './channel.js';
import { SandboxHost } from './host.js';

/** A worker that answers each call with its input once `answering` says so, and whose kill waits for `killing`. */
interface FakeWorker {
  sent: ToSandbox[];
  killed: boolean;
  answer(id: number): void;
}

const fakes = vi.hoisted(() => ({
  workers: [] as FakeWorker[],
  answerAtOnce: true,
  killing: undefined as Promise<void> | undefined,
  finishKill: () => {},
}));

vi.mock('./worker-sandbox.js', () => ({
  workerSandbox: (): Sandbox => {
    let listener: (message: FromSandbox) => void = () => {};
    const worker: FakeWorker = {
      sent: [],
      killed: false,
      answer: (id) => {
        const call = worker.sent.find((m) => m.type === 'invoke' && m.id === id);
        if (call?.type === 'invoke') listener({ type: 'result', id, ok: true, json: JSON.stringify(call.input) });
      },
    };
    fakes.workers.push(worker);
    return {
      send: (message) => {
        worker.sent.push(message);
        if (message.type === 'invoke' && fakes.answerAtOnce) queueMicrotask(() => worker.answer(message.id));
      },
      onMessage: (l) => {
        listener = l;
        queueMicrotask(() => l({ type: 'ready' }));
      },
      onExit: () => {},
      kill: async () => {
        worker.killed = true;
        await fakes.killing;
      },
    };
  },
  idleWorker: () => {
    throw new Error('the host under test runs without spares');
  },
}));

const IDLE_MS = 1000;
const never = new AbortController().signal;

function target(): ConnectorTarget {
  const connector = defineConnector({
    name: 'oauth',
    title: 'OAuth service',
    description: 'A service whose tokens are refreshed.',
    categories: [],
    auth: Auth.bearer(),
    actions: [
      defineAction({ key: 'echo', title: 'echo', input: Type.Object({}), output: Type.Any(), run: async () => ({}) }),
    ],
    network: { allow: ['api.example.test'] },
  });
  return {
    manifest: buildManifest(connector, { name: '@mova/connector-oauth', version: '1.0.0' }),
    bundlePath: '/nowhere/connector.mjs',
    integrity: 'sha512-test-oauth',
  };
}

/** The host's maps, read for the test only. */
function held(host: SandboxHost, connector: ConnectorTarget): { pools: number; known: number } {
  const inside = host as unknown as {
    pools: Map<string, unknown>;
    known: WeakMap<object, Map<string, unknown>>;
  };
  return { pools: inside.pools.size, known: inside.known.get(connector.manifest)?.size ?? 0 };
}

describe('SandboxHost pools of connections seen once', () => {
  let host: SandboxHost;
  const connector = target();
  const call = (token: string, n: number) =>
    host.invoke(connector, 'echo', { n }, { token }, { signal: never, timeoutMs: 5000 });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    fakes.workers.length = 0;
    fakes.answerAtOnce = true;
    fakes.killing = undefined;
    host = new SandboxHost({ isolation: 'worker', spare: false, idleMs: IDLE_MS });
  });
  afterEach(async () => {
    fakes.finishKill();
    await host.close();
    vi.useRealTimers();
  });

  it('leaves no pool and no connection behind once the sandboxes of 1,000 token sets went idle', async () => {
    for (let i = 0; i < 1000; i++) {
      await expect(call(`token-${i}`, i)).resolves.toEqual({ n: i });
      // An hour of refreshes, one token set after another, each a few idle periods apart.
      if (i % 100 === 99) await vi.advanceTimersByTimeAsync(IDLE_MS / 4);
    }
    expect(fakes.workers).toHaveLength(1000);
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(fakes.workers.every((worker) => worker.killed)).toBe(true);
    expect(held(host, connector)).toEqual({ pools: 0, known: 0 });
    // The last token set is used again: a new pool serves it.
    await expect(call('token-999', 1)).resolves.toEqual({ n: 1 });
    expect(held(host, connector)).toEqual({ pools: 1, known: 1 });
  });

  it('keeps a pool whose call outlives the idle time, and forgets it once that call has returned', async () => {
    fakes.answerAtOnce = false;
    const slow = call('token-slow', 1);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(IDLE_MS * 3);
    expect(held(host, connector)).toEqual({ pools: 1, known: 1 });
    const [worker] = fakes.workers;
    const invoke = worker?.sent.find((m) => m.type === 'invoke');
    if (!worker || invoke?.type !== 'invoke') throw new Error('the call never reached a sandbox');
    expect(worker.killed).toBe(false);
    worker.answer(invoke.id);
    await expect(slow).resolves.toEqual({ n: 1 });
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(worker.killed).toBe(true);
    expect(held(host, connector)).toEqual({ pools: 0, known: 0 });
  });

  it('serves a call that arrives while the pool of its connection is being dropped', async () => {
    await expect(call('token-a', 1)).resolves.toEqual({ n: 1 });
    fakes.killing = new Promise<void>((resolve) => {
      fakes.finishKill = resolve;
    });
    // The idle sandbox is being killed (its kill has not returned) when the next call comes.
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(fakes.workers[0]?.killed).toBe(true);
    await expect(call('token-a', 2)).resolves.toEqual({ n: 2 });
    expect(fakes.workers).toHaveLength(2);
    expect(held(host, connector)).toEqual({ pools: 1, known: 1 });
    fakes.finishKill();
    await vi.advanceTimersByTimeAsync(0);
    await expect(call('token-a', 3)).resolves.toEqual({ n: 3 });
    expect(fakes.workers).toHaveLength(2);
  });

  it('forgets the pool of a first call that was cancelled before it was sent', async () => {
    const controller = new AbortController();
    controller.abort();
    const cancelled = host.invoke(
      connector,
      'echo',
      {},
      { token: 'token-x' },
      { signal: controller.signal, timeoutMs: 5000 },
    );
    await expect(cancelled).rejects.toMatchObject({ failure: 'cancelled' });
    expect(held(host, connector)).toEqual({ pools: 0, known: 0 });
  });
});
