// Cold load only: the "cold load" rows of `pnpm bench` (a fresh SandboxHost, one call, until it
// answers) for the SDK-built no-op in a worker, a weak process sandbox and a process sandbox in OS
// namespaces, each without and with a spare sandbox started ahead, taking turns with a raw Worker
// spawn and a raw fork with the sandbox's permission flags.
// After a build: `node bench/cold-load.mjs [--times 9]` (from runtime/).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { SandboxHost } from '@mova/runtime/sandbox';
import { coldLoad } from './cases/dispatch.mjs';
import { rawFork, rawWorkerSpawn, SANDBOX_FLAGS } from './cases/raw.mjs';
import { printJson } from './lib/json-out.mjs';
import { interleavedSamples, summarize } from './lib/stats.mjs';
import { createWorkspace } from './lib/workspace.mjs';

const { values } = parseArgs({ options: { times: { type: 'string', default: '9' }, json: { type: 'boolean' } } });
const loadBefore = loadavg();
const osStatus = await new SandboxHost().processSandboxStrength();
// Without OS namespaces (no bubblewrap) their rows are left out and the reason printed.
const osAvailable = osStatus.strength === 'strong';
const workspace = await createWorkspace();
try {
  const noop = { manifest: workspace.manifest, bundlePath: workspace.noopBundle, integrity: 'bench-noop' };
  const samples = await interleavedSamples(
    {
      'raw Worker spawn': () => rawWorkerSpawn(),
      'raw fork, permission flags': () => rawFork({}, SANDBOX_FLAGS),
      'cold load, worker': () => coldLoad('worker', noop, 'noop.run'),
      'cold load, worker, with spare': () => coldLoad('worker', noop, 'noop.run', { spare: true }),
      'cold load, process, weak': () => coldLoad('process', noop, 'noop.run', { osSandbox: 'off' }),
      'cold load, process, weak, with spare': () =>
        coldLoad('process', noop, 'noop.run', { osSandbox: 'off', spare: true }),
      ...(osAvailable
        ? {
            'cold load, process, OS namespaces': () => coldLoad('process', noop, 'noop.run', { osSandbox: 'require' }),
            'cold load, process, OS namespaces, with spare': () =>
              coldLoad('process', noop, 'noop.run', { osSandbox: 'require', spare: true }),
          }
        : {}),
    },
    Number(values.times),
  );
  const load = (l) => l.map((n) => n.toFixed(1)).join(' ');
  console.log(`Node ${process.version}, load ${load(loadBefore)} before, ${load(loadavg())} after, n=${values.times}`);
  for (const [name, list] of Object.entries(samples)) {
    const s = summarize(list);
    console.log(`${name.padEnd(46)} p50 ${s.p50.toFixed(1).padStart(7)} ms   mean ${s.mean.toFixed(1).padStart(7)} ms`);
  }
  if (!osAvailable) console.log(`cold load, process, OS namespaces: not measured, ${osStatus.reason}`);
  printJson('cold', {
    loadBefore: loadBefore[0],
    osSandbox: osAvailable ? null : osStatus.reason,
    rows: Object.entries(samples).map(([name, list]) => ({ name, ...summarize(list) })),
  });
} finally {
  await workspace.remove();
}
