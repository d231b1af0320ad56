// Entry of a trusted worker-thread sandbox; a spare one (no workerData) waits for its bind first.
import { parentPort, workerData } from 'node:worker_threads';
import { serve } from './serve.mjs';
import { awaitBind } from './spare.mjs';

const spec =
  workerData ??
  (await awaitBind(
    (message) => parentPort.postMessage(message),
    (handler) => parentPort.once('message', handler),
  ));
await serve(
  spec,
  (message) => parentPort.postMessage(message),
  (handler) => parentPort.on('message', handler),
);
