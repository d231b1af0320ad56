// Cold load of built connector bundles, to compare two builds of the same connectors (say, before and
// after an SDK change) on the same machine in the same run: every bundle takes turns with the others,
// so a change in the machine's load hits them alike. Each sample is a fresh SandboxHost and one call
// of an action the bundle does not have: the sandbox imports the whole bundle, then answers "no such
// action" without running connector code, and the allow-list is emptied, so no vendor is contacted.
// After a build: `node bench/bundle-load.mjs [--times 9] [--isolation worker|process] label=dir ...`
// (from runtime/), where each dir holds a connector's connector.mjs and mova.manifest.json.
import { readFile, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { coldLoad } from './cases/dispatch.mjs';
import { interleavedSamples, summarize } from './lib/stats.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { times: { type: 'string', default: '9' }, isolation: { type: 'string', default: 'worker' } },
});
if (positionals.length === 0)
  throw new Error('name at least one label=dir holding connector.mjs and mova.manifest.json');

const targets = {};
for (const arg of positionals) {
  const [label, dir] = arg.includes('=') ? arg.split('=', 2) : [arg, arg];
  const folder = resolve(dir);
  const manifest = JSON.parse(await readFile(join(folder, 'mova.manifest.json'), 'utf8'));
  const bundlePath = join(folder, 'connector.mjs');
  const { size } = await stat(bundlePath);
  targets[label] = {
    size,
    target: {
      manifest: { ...manifest, network: { ...manifest.network, allow: [], connectionHosts: [] } },
      bundlePath,
      integrity: `bench-${label}`,
    },
  };
}

const loadBefore = loadavg();
const samples = await interleavedSamples(
  Object.fromEntries(
    Object.entries(targets).map(([label, { target }]) => [
      label,
      () => coldLoad(values.isolation, target, 'bench.load-only', { osSandbox: 'off' }),
    ]),
  ),
  Number(values.times),
);
const load = (l) => l.map((n) => n.toFixed(1)).join(' ');
console.log(
  `Node ${process.version}, ${values.isolation} sandbox, load ${load(loadBefore)} before, ${load(loadavg())} after, n=${values.times}`,
);
for (const [label, list] of Object.entries(samples)) {
  const s = summarize(list);
  const kb = (targets[label].size / 1024).toFixed(0);
  console.log(
    `${label.padEnd(32)} ${kb.padStart(6)} KB   p50 ${s.p50.toFixed(1).padStart(7)} ms   mean ${s.mean.toFixed(1).padStart(7)} ms`,
  );
}
