import { Worker } from 'node:worker_threads';
import {
  ENTRY_DIR,
  type FromSandbox,
  type Sandbox,
  type SandboxFactory,
  type SandboxLimits,
  type SandboxSpec,
} from './channel.js';
import { type IdleFactory, idleOver } from './spare.js';

/**
 * A worker thread: a resource and crash boundary (heap cap, terminate on timeout, an empty
 * `process.env`), for trusted first-party connectors. Not on its own a security boundary.
 */
export const workerSandbox: SandboxFactory = (spec, limits) => overWorker(spawnWorker(spec, limits), limits);

/**
 * A spare worker: the same limits and empty environment, no connector until its bind (a worker's
 * settings do not depend on the connector, so the bound spare is what a fresh spawn would be).
 */
export const idleWorker: IdleFactory = (limits) =>
  idleOver(overWorker(spawnWorker(null, limits), limits), (spec) => spec);

function spawnWorker(spec: SandboxSpec | null, limits: SandboxLimits): Worker {
  return new Worker(new URL('worker.mjs', ENTRY_DIR), {
    workerData: spec,
    env: {},
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    stdout: true,
    stderr: true,
  });
}

function overWorker(worker: Worker, limits: SandboxLimits): Sandbox {
  let lastError: Error | undefined;
  worker.on('error', (error) => {
    lastError = error;
  });
  return {
    send: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', (m: FromSandbox) => listener(m)),
    onExit: (listener) =>
      worker.once('exit', (code) => {
        const oom = (lastError as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        listener({
          outOfMemory: oom,
          reason: oom
            ? `it ran out of memory (limit ${limits.memoryMb} MiB)`
            : lastError
              ? `it threw outside any action: ${lastError.message}`
              : `it exited with code ${code}`,
        });
      }),
    kill: async () => {
      await worker.terminate();
    },
  };
}
