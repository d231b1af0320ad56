import type { RunStore, StepRecord, WriteOptions } from '../store/types.js';

/**
 * The run store as a queue worker writes it: every step it records names the worker. Every other
 * method is the store's own (methods added to RunStore later pass through unchanged).
 */
export function withWorker(store: RunStore, worker: string): RunStore {
  const appendStep = (runId: string, step: StepRecord, options?: WriteOptions) =>
    store.appendStep(runId, { ...step, worker }, options);
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendStep') return appendStep;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
