// Entry of a trusted worker-thread sandbox.
import { parentPort, workerData } from 'node:worker_threads';
import { serve } from './serve.mjs';

await serve(
  workerData,
  (message) => parentPort.postMessage(message),
  (handler) => parentPort.on('message', handler),
);
