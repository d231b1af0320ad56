// Cold load of built connector bundles, to compare two builds of the same connectors (say, before and
// after an SDK change) on the same machine in the same run: every bundle takes turns with the others,
// so a change in the machine's load hits them alike. Each sample is a fresh SandboxHost and one call
// of an action the bundle does not have: the sandbox imports the whole bundle, then answers "no such
// action" without running connector code, and the allow-list is emptied, so no vendor is contacted.
// After a build: `node bench/bundle-load.mjs [--times 9] [--isolation worker|process]
// [--os-sandbox off|require] [--json] label=dir ...` (from runtime/), where each dir holds a connector's
// connector.mjs and mova.manifest.json, or is a connector's source folder (mova.manifest.json, dist/connector.mjs).
import { readFile, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { coldLoad } from './cases/dispatch.mjs';
import { printJson } from './lib/json-out.mjs';
import { interleavedSamples, summarize } from './lib/stats.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    times: { type: 'string', default: '9' },
    isolation: { type: 'string', default: 'worker' },
    // off: the weak process sandbox; require: inside OS namespaces (bubblewrap), as a strict deployment runs it
    'os-sandbox': { type: 'string', default: 'off' },
    json: { type: 'boolean' },
  },
});
if (positionals.length === 0)
  throw new Error('name at least one label=dir holding connector.mjs and mova.manifest.json');

const targets = {};
for (const arg of positionals) {
  const [label, dir] = arg.includes('=') ? arg.split('=', 2) : [arg, arg];
  const folder = resolve(dir);
  const manifest = JSON.parse(await readFile(join(folder, 'mova.manifest.json'), 'utf8'));
  const bundlePath = await stat(join(folder, 'connector.mjs')).then(
    () => join(folder, 'connector.mjs'),
    () => join(folder, 'dist', 'connector.mjs'),
  );
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
      () => coldLoad(values.isolation, target, 'bench.load-only', { osSandbox: values['os-sandbox'] }),
    ]),
  ),
  Number(values.times),
);
const load = (l) => l.map((n) => n.toFixed(1)).join(' ');
console.log(
  `Node ${process.version}, ${values.isolation} sandbox (OS sandbox ${values['os-sandbox']}), load ${load(loadBefore)} before, ${load(loadavg())} after, n=${values.times}`,
);
for (const [label, list] of Object.entries(samples)) {
  const s = summarize(list);
  const kb = (targets[label].size / 1024).toFixed(0);
  console.log(
    `${label.padEnd(32)} ${kb.padStart(6)} KB   p50 ${s.p50.toFixed(1).padStart(7)} ms   mean ${s.mean.toFixed(1).padStart(7)} ms`,
  );
}
printJson('bundles', {
  loadBefore: loadBefore[0],
  isolation: values.isolation,
  osSandbox: values['os-sandbox'],
  rows: Object.entries(samples).map(([label, list]) => ({ label, bytes: targets[label].size, ...summarize(list) })),
});
