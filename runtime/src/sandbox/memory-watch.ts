import { readFile } from 'node:fs/promises';

const EVERY_MS = 250;

/**
 * Watches the resident memory of a process and everything it started (bubblewrap's sandbox runs
 * Node as a grandchild) and calls `over` once when it passes `limitMb`. V8's heap cap does not see
 * buffers or code; this does. Linux only (/proc); elsewhere it watches nothing.
 * @returns a function that stops watching
 */
export function watchMemory(pid: number, limitMb: number, over: (rssMb: number) => void): () => void {
  if (process.platform !== 'linux') return () => {};
  let stopped = false;
  const timer = setInterval(async () => {
    const rss = await treeRssKb(pid).catch(() => 0);
    if (stopped || rss / 1024 <= limitMb) return;
    stopped = true;
    clearInterval(timer);
    over(Math.round(rss / 1024));
  }, EVERY_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

async function treeRssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const own = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => ''))
    .split(' ')
    .filter(Boolean)
    .map(Number);
  const theirs = await Promise.all(children.map((child) => treeRssKb(child).catch(() => 0)));
  return own + theirs.reduce((a, b) => a + b, 0);
}
