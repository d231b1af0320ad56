export { checkRedis, type QueueSettings, redisOptions } from './connection.js';
export { QueueError } from './errors.js';
export { type PollJob, RUNS_QUEUE, type RunJob, runIdOf, type WakeJob } from './jobs.js';
export { QueueWorker, type QueueWorkerOptions } from './queue-worker.js';
export { RUN_JOB_OPTIONS, RunQueue, type RunQueueOptions } from './run-queue.js';
export { withWorker } from './worker-store.js';
