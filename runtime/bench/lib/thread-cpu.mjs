import { readFileSync } from 'node:fs';

/**
 * CPU time (ms) the main thread has used, from Linux's /proc (10 ms ticks), or undefined elsewhere.
 * Unlike wall time it barely moves when other jobs share the cores, and unlike process.cpuUsage()
 * it leaves out the sandboxes' worker threads and libuv's pool, so it shows what one main thread
 * spends per run, the figure that caps one process's runs per second.
 */
export function mainThreadCpuMs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
