// The raw baseline's worker: answers each message the way a sandbox answers an invoke, nothing more.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (message) => {
  parentPort.postMessage({ type: 'result', id: message.id, ok: true, output: message.input });
});
