// The raw spawn baseline: an ESM worker that says it is up and then waits to be terminated.
import { parentPort } from 'node:worker_threads';

parentPort.postMessage({ type: 'ready' });
