// Warm sandbox memory: the resident memory one warm sandbox costs, with a connector loaded and one call
// answered, measured from the host side. Each variant runs in a fresh child process (started with
// --expose-gc) that opens `--sandboxes` sandboxes of one kind and keeps them warm:
// - worker isolation: the child's own RSS (/proc, VmRSS) after a GC, minus before, divided by the
//   count; a worker thread lives in the host's process, so that is what it adds to it (its V8 isolate,
//   heap, thread stack and the host's side of the pool). Baseline: raw Workers (an echo worker).
// - process isolation (in OS namespaces where bubblewrap is available, else weak): the VmRSS of every
//   process the sandboxes added under the child (bubblewrap and node), summed, divided by the count.
//   Pages shared between them (node's binary) are counted in each. Baseline: raw forks (an echo child).
// After a build: `node bench/worker-rss.mjs [--sandboxes 4] [--json]` (from runtime/).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SandboxHost } from '@mova/runtime/sandbox';
import { openRawProcess, openRawWorker } from './cases/raw.mjs';
import { printJson } from './lib/json-out.mjs';
import { num, table } from './lib/table.mjs';
import { createWorkspace } from './lib/workspace.mjs';

const GITHUB = fileURLToPath(new URL('../../connectors/github/', import.meta.url));
const never = new AbortController().signal;

/** VmRSS of a process in MB, or 0 if it has ended. */
async function rssMb(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Every process below `root`, from /proc's parent links. */
async function descendants(root) {
  const parents = new Map();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {} // ended between the listing and the read
  }
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (found.has(parent) && !found.has(pid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  found.delete(root);
  return found;
}

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 500));
  globalThis.gc?.();
  globalThis.gc?.();
}

/** In a child: opens `count` warm sandboxes of one variant and returns the MB each adds. */
async function measureVariant({ variant, count, target, osSandbox }) {
  const inProcess = variant.startsWith('worker') || variant === 'raw Worker';
  const others = await descendants(process.pid); // esbuild's service and the like, not ours to count
  await settle();
  const before = await rssMb(process.pid);
  const open = [];
  for (let i = 0; i < count; i++) {
    if (variant === 'raw Worker' || variant === 'raw fork') {
      const channel = variant === 'raw Worker' ? openRawWorker() : openRawProcess();
      await channel.call();
      open.push(channel);
      continue;
    }
    const host = new SandboxHost({ isolation: inProcess ? 'worker' : 'process', spare: false, osSandbox });
    try {
      await host.invoke(target, 'bench.load-only', { n: 1 }, {}, { signal: never, timeoutMs: 30_000 });
    } catch (error) {
      if (!/has no action/.test(String(error?.message))) throw error;
    }
    open.push(host);
  }
  await settle();
  let added;
  if (inProcess) added = (await rssMb(process.pid)) - before;
  else {
    added = 0;
    for (const pid of await descendants(process.pid)) if (!others.has(pid)) added += await rssMb(pid);
  }
  await Promise.all(open.map((o) => o.close()));
  return added / count;
}

async function githubTarget() {
  try {
    const manifest = JSON.parse(await readFile(`${GITHUB}mova.manifest.json`, 'utf8'));
    // Loaded, never called; with an empty allow-list the sandbox's guard refuses any connection anyway.
    const offline = { ...manifest, network: { ...manifest.network, allow: [], connectionHosts: [] } };
    return { manifest: offline, bundlePath: `${GITHUB}dist/connector.mjs`, integrity: 'bench-github' };
  } catch {
    return undefined;
  }
}

async function main() {
  const { values } = parseArgs({ options: { sandboxes: { type: 'string', default: '4' }, json: { type: 'boolean' } } });
  const count = Number(values.sandboxes);
  const loadBefore = loadavg();
  const osStatus = await new SandboxHost().processSandboxStrength();
  const osSandbox = osStatus.strength === 'strong' ? 'require' : 'off';
  const processKind = osSandbox === 'require' ? 'process, OS namespaces' : 'process, weak';
  const workspace = await createWorkspace();
  try {
    const noop = { manifest: workspace.manifest, bundlePath: workspace.noopBundle, integrity: 'bench-noop' };
    const github = await githubTarget();
    const connectors = [['SDK-built no-op', noop], ...(github ? [['github', github]] : [])];
    const variants = [
      ['raw Worker', 'worker', undefined, undefined],
      ...connectors.map(([name, target]) => [`worker: ${name}`, 'worker', name, target]),
      ['raw fork', 'process', undefined, undefined],
      ...connectors.map(([name, target]) => [`${processKind}: ${name}`, 'process', name, target]),
    ];
    const rows = [];
    for (const [variant, isolation, connector, target] of variants) {
      const child = fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: ['--expose-gc'], stdio: 'inherit' });
      child.send({ variant, count, target, osSandbox });
      const [answer] = await once(child, 'message');
      await once(child, 'exit');
      if (answer.error) throw new Error(`${variant}: ${answer.error}`);
      rows.push({ variant, isolation, connector: connector ?? null, mb: answer.mb });
      process.stderr.write(`${variant}: ${num(answer.mb)} MB each\n`);
    }
    const loads = (l) => l.map((x) => x.toFixed(2)).join(' ');
    console.log(
      `\nWarm sandbox RSS, ${count} at once per variant: Node ${process.version}, load average ${loads(loadBefore)} before and ${loads(loadavg())} after` +
        `${osSandbox === 'off' ? `; OS namespaces not available (${osStatus.reason}), process sandboxes weak` : ''}\n`,
    );
    const baseline = (isolation) => rows.find((r) => r.isolation === isolation && r.connector === null).mb;
    console.log(
      table(
        [
          ['sandbox', 'left'],
          ['MB each', 'right'],
          ['× raw', 'right'],
        ],
        rows.map((r) => [r.variant, num(r.mb), `${num(r.mb / baseline(r.isolation))}×`]),
      ),
    );
    printJson('rss', {
      loadBefore: loadBefore[0],
      sandboxes: count,
      osSandbox: osSandbox === 'off' ? osStatus.reason : null,
      rows,
    });
  } finally {
    await workspace.remove();
  }
}

if (process.argv[2] === '--child') {
  const [job] = await once(process, 'message');
  try {
    process.send({ mb: await measureVariant(job) });
  } catch (error) {
    process.send({ error: String(error?.stack ?? error) });
  }
  process.disconnect();
} else await main();
