import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';

const worker = (name) => new URL(`../workers/${name}`, import.meta.url);

/** The same payload MOVA's pool sends for a no-op call, so the baselines differ only in the machinery. */
const invoke = (id) => ({ type: 'invoke', id, key: 'noop.run', input: { n: id }, auth: {}, hosts: [] });

/** Request/answer over any message channel, matched by id, one promise per call. */
function caller(send, onMessage) {
  let id = 0;
  const pending = new Map();
  onMessage((reply) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  return () =>
    new Promise((resolve) => {
      const message = invoke(++id);
      pending.set(message.id, resolve);
      send(message);
    });
}

/** The baseline: one postMessage to a worker thread and its answer; no pool, no timeout, no checks. */
export function openRawWorker() {
  const echo = new Worker(worker('echo-worker.mjs'));
  return {
    call: caller(
      (m) => echo.postMessage(m),
      (listener) => echo.on('message', listener),
    ),
    close: () => echo.terminate(),
  };
}

/**
 * The process sandbox's own floor: the same message to a forked child over Node's IPC channel
 * (advanced serialization, as the process sandbox uses) and its answer.
 */
export function openRawProcess() {
  const child = fork(worker('echo-child.mjs'), [], { env: {}, serialization: 'advanced', stdio: 'ignore' });
  return {
    call: caller(
      (m) => child.send(m),
      (listener) => child.on('message', listener),
    ),
    close: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The same call through piscina, with one thread, so it is a round trip and not parallelism. */
export function openPiscina() {
  const pool = new Piscina({ filename: worker('piscina-task.mjs').href, minThreads: 1, maxThreads: 1 });
  let id = 0;
  return { call: () => pool.run(invoke(++id)), close: () => pool.destroy() };
}

/** Spawn of an empty ESM worker until its first message (ms). */
export async function rawWorkerSpawn() {
  const start = performance.now();
  const w = new Worker(worker('ready-worker.mjs'));
  await once(w, 'message');
  const ms = performance.now() - start;
  await w.terminate();
  return ms;
}

// Node 22 renamed --experimental-permission to --permission, as the process sandbox knows too.
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission')
  ? '--permission'
  : '--experimental-permission';

/** The process sandbox's flags (see src/sandbox/process-sandbox.ts), reading only the child's folder. */
export const SANDBOX_FLAGS = [
  PERMISSION_FLAG,
  `--allow-fs-read=${fileURLToPath(worker(''))}`,
  '--no-addons',
  '--max-old-space-size=256',
];

/**
 * Fork of an empty Node process until its first IPC message (ms), with the given environment
 * (`NODE_EXTRA_CA_CERTS` makes every Node 20 start read the extra certificates) and flags.
 */
export async function rawFork(env, execArgv = []) {
  const start = performance.now();
  const child = fork(worker('ready-child.mjs'), [], { env, execArgv, serialization: 'advanced', stdio: 'ignore' });
  await once(child, 'message');
  const ms = performance.now() - start;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
  return ms;
}
