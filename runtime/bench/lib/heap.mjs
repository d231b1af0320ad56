import { GCProfiler, getHeapStatistics } from 'node:v8';

/**
 * Bytes the main thread allocated while `fn` ran, and the garbage collector's time: what every
 * collection freed plus what is still held at the end (V8 has no plain allocation counter).
 */
export async function allocations(fn) {
  const profiler = new GCProfiler();
  const before = getHeapStatistics().used_heap_size;
  const start = performance.now();
  profiler.start();
  await fn();
  const { statistics } = profiler.stop();
  const wallMs = performance.now() - start;
  const after = getHeapStatistics().used_heap_size;
  let freed = 0;
  let gcUs = 0;
  for (const gc of statistics) {
    freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
    gcUs += gc.cost;
  }
  return { bytes: freed + after - before, gcShare: gcUs / 1000 / wallMs, collections: statistics.length };
}
