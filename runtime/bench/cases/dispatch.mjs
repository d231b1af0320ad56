import { SandboxHost } from '@mova/runtime/sandbox';

const never = new AbortController().signal;

/** A no-op action called through a warm SandboxHost pool (the first call, which loads it, is made here). */
export async function openSandboxHost(isolation, target, options = {}) {
  const host = new SandboxHost({ isolation, ...options });
  let n = 0;
  const call = () => host.invoke(target, 'noop.run', { n: ++n }, {}, { signal: never, timeoutMs: 5000 });
  await call();
  return { call, close: () => host.close() };
}

/**
 * Cold load (ms): a fresh SandboxHost, then one call, timed until it answers: spawn, the sandbox's
 * network guard, the bundle's import, and one round trip. `key` may be an action the bundle does
 * not have: the sandbox still loads the bundle first, then answers "no such action" without running
 * any connector code, so a real connector is loaded without calling its vendor.
 * With `spare: true` the host's spare sandbox is started and waiting before the clock starts (what a
 * server that has been up a moment sees): the call binds it instead of spawning. Without, no spare.
 */
export async function coldLoad(isolation, target, key, { spare = false, ...options } = {}) {
  const host = new SandboxHost({ isolation, ...options, spare });
  if (spare) await host.startSpare(isolation);
  const start = performance.now();
  try {
    await host.invoke(target, key, { n: 1 }, {}, { signal: never, timeoutMs: 30_000 });
  } catch (error) {
    if (!/has no action/.test(String(error?.message))) throw error;
  }
  const ms = performance.now() - start;
  await host.close();
  return ms;
}
