import { Worker } from 'node:worker_threads';
import { ENTRY_DIR, type FromSandbox, type SandboxFactory } from './channel.js';

/**
 * A worker thread: a resource and crash boundary (heap cap, terminate on timeout, an empty
 * `process.env`), for trusted first-party connectors. Not on its own a security boundary.
 */
export const workerSandbox: SandboxFactory = (spec, limits) => {
  const worker = new Worker(new URL('worker.mjs', ENTRY_DIR), {
    workerData: spec,
    env: {},
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    stdout: true,
    stderr: true,
  });
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
};
