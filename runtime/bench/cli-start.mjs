// CLI start: `node -e 0`, `mova-connector --version` and `mova-connector run` of a one-step
// workflow (one `set`), each run `--times` times in turns; medians of wall time and of CPU time
// (user + system of the command and its children, read from the waiting shell's /proc stat in
// 10 ms ticks). CPU barely moves with the machine's load; wall time does. Linux only.
// After a build: `node bench/cli-start.mjs [--times 10]` (from runtime/). BASE_CLI=<…/cli/bin/run.js of a
// build from before a change> adds its `run one.json` to the turns and prints the ratio of the means.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { printJson } from './lib/json-out.mjs';

const { values } = parseArgs({ options: { times: { type: 'string', default: '10' }, json: { type: 'boolean' } } });
const cli = fileURLToPath(new URL('../../cli/bin/run.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mova-cli-start-'));
const workflow = join(dir, 'one.json');
writeFileSync(
  workflow,
  JSON.stringify({ mova: '1.0', name: 'one', steps: [{ id: 'greet', set: { hello: 'world' } }] }),
);
const node = JSON.stringify(process.execPath);
const commands = {
  'node -e 0': `${node} -e 0`,
  'mova-connector --version': `${node} ${cli} --version`,
  'mova-connector run one.json': `${node} ${cli} run ${workflow} --data-dir ${join(dir, 'data')}`,
};
const base = process.env.BASE_CLI;
if (base) commands['base: run one.json'] = `${node} ${base} run ${workflow} --data-dir ${join(dir, 'base-data')}`;
const TICK_MS = 10;

/** Wall ms and CPU ms of one command, run by a shell that then reports its children's CPU. */
function once(command) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const shell = spawn('/bin/sh', ['-c', `${command} >/dev/null 2>&1 || exit 3; cat /proc/$$/stat`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    shell.stdout.on('data', (chunk) => {
      out += chunk;
    });
    shell.on('error', reject);
    shell.on('close', (code) => {
      const wall = performance.now() - start;
      if (code !== 0) return reject(new Error(`${command} failed (${code})`));
      // Fields after the command name: cutime and cstime are the 14th and 15th.
      const fields = out
        .slice(out.lastIndexOf(')') + 2)
        .trim()
        .split(' ');
      resolve({ wall, cpu: (Number(fields[13]) + Number(fields[14])) * TICK_MS });
    });
  });
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const before = loadavg();
const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
try {
  for (const command of Object.values(commands)) await once(command); // warm the disk cache
  for (let i = 0; i < Number(values.times); i++) {
    for (const [name, command] of Object.entries(commands)) samples[name].push(await once(command));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const load = (l) => l.map((n) => n.toFixed(1)).join(' ');
console.log(`Node ${process.version}, n=${values.times}, load ${load(before)} before, ${load(loadavg())} after`);
const floor = median(samples['node -e 0'].map((s) => s.cpu));
for (const [name, list] of Object.entries(samples)) {
  const cpu = median(list.map((s) => s.cpu));
  const wall = median(list.map((s) => s.wall));
  console.log(
    `${name.padEnd(30)} CPU p50 ${String(cpu).padStart(5)} ms (${(cpu / floor).toFixed(2)}× node -e 0)   wall p50 ${wall.toFixed(0).padStart(6)} ms`,
  );
}
const mean = (list) => list.reduce((sum, value) => sum + value, 0) / list.length;
if (base) {
  // Means, not medians: with 10 ms ticks two medians are often the same tick.
  const cpu = (name) => mean(samples[name].map((s) => s.cpu));
  const ratio = cpu('mova-connector run one.json') / cpu('base: run one.json');
  console.log(
    `run one.json CPU mean ÷ base: ${ratio.toFixed(3)} (${cpu('mova-connector run one.json').toFixed(1)} / ${cpu('base: run one.json').toFixed(1)} ms)`,
  );
}
printJson('cli', {
  loadBefore: before[0],
  rows: Object.entries(samples).map(([name, list]) => ({
    name,
    cpuMs: median(list.map((s) => s.cpu)),
    wallMs: median(list.map((s) => s.wall)),
    n: list.length,
  })),
});
