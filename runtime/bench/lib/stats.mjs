import { mainThreadCpuMs } from './thread-cpu.mjs';

/** Mean, median and 99th percentile of samples (any unit), plus how many there were. */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  let sum = 0;
  for (const s of sorted) sum += s;
  return { n: sorted.length, mean: sum / sorted.length, p50: at(0.5), p99: at(0.99) };
}

export function median(samples) {
  return summarize(samples).p50;
}

/**
 * Times `fn` one call at a time: `warmup` untimed calls, then up to `iterations` timed ones, stopping
 * early after `maxMs`. Returns the latencies in microseconds.
 */
export async function sampleLatency(fn, { warmup, iterations, maxMs }) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  const deadline = performance.now() + maxMs;
  while (samples.length < iterations && performance.now() < deadline) {
    const start = performance.now();
    await fn();
    samples.push((performance.now() - start) * 1000);
  }
  return samples;
}

/**
 * Times several callers one call at a time, taking turns in `rounds` blocks, so a change in the
 * machine's load during the bench hits them all alike and their ratios stay fair. Returns each
 * caller's latencies in microseconds, by name.
 */
export async function interleavedLatency(callers, { rounds, warmup, iterations, maxMs }) {
  const samples = Object.fromEntries(Object.keys(callers).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, call] of Object.entries(callers)) {
      samples[name].push(...(await sampleLatency(call, { warmup, iterations, maxMs })));
    }
  }
  return samples;
}

/**
 * Takes `times` samples from each of several one-shot measurements, one of each in turn (each
 * `measure` resolves to one sample), for the same reason as interleavedLatency.
 */
export async function interleavedSamples(measures, times) {
  const samples = Object.fromEntries(Object.keys(measures).map((name) => [name, []]));
  for (let i = 0; i < times; i++) {
    for (const [name, measure] of Object.entries(measures)) samples[name].push(await measure());
  }
  return samples;
}

/**
 * Runs `fn` from `concurrency` loops at once for `durationMs` (after `warmupMs` of the same): the
 * completions per second, and the main thread's CPU time per completion in µs (where the system
 * tells it). Every loop stops at the deadline, so it ends by itself.
 */
export async function sampleThroughput(fn, { concurrency, durationMs, warmupMs }) {
  const window = async (ms) => {
    let done = 0;
    const deadline = performance.now() + ms;
    const loop = async () => {
      while (performance.now() < deadline) {
        await fn();
        done++;
      }
    };
    const cpuBefore = mainThreadCpuMs();
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, loop));
    const seconds = (performance.now() - start) / 1000;
    const cpuMs = cpuBefore === undefined ? undefined : mainThreadCpuMs() - cpuBefore;
    return { perSecond: done / seconds, cpuPerRunUs: cpuMs === undefined ? undefined : (cpuMs * 1000) / done };
  };
  await window(warmupMs);
  return window(durationMs);
}
