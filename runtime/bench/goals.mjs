// `pnpm bench:goals [--quick] [--only <part>[,<part>]] [--json]` (repository root, after a build):
// every goal of issue 21 with its figure, the baseline measured in the same run, the ratio, met or
// MISSED, in one table. Each part is its own bench script run as a child process with --json (so one
// part's threads, caches and heap do not distort the next), one after the other, with the load
// average before and after each. --quick shortens every part (a smoke check, not figures to quote).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SandboxHost } from '@mova/runtime/sandbox';
import { GOALS, goalsTable, notMeasured } from './lib/goals.mjs';
import { table } from './lib/table.mjs';

const RUNTIME = fileURLToPath(new URL('..', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Real connector bundles for the cold-load rows: the smallest, a typical one, the largest. */
const BUNDLES = ['http', 'github', 'hubspot'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    only: { type: 'string' },
    json: { type: 'boolean' },
    // A registry data dir to publish into once and reuse (publishing 1,000 takes minutes).
    'registry-data': { type: 'string' },
  },
});
const quick = values.quick === true;

if (!existsSync(`${RUNTIME}dist/index.js`) || !existsSync(`${REPO}registry/dist/index.js`)) {
  console.error(
    'runtime/dist or registry/dist is missing: build first (node_modules/.bin/tsc -b tsconfig.build.json).',
  );
  process.exit(2);
}

const osStatus = await new SandboxHost().processSandboxStrength();
const osOn = osStatus.strength === 'strong';
const bundleDirs = BUNDLES.filter((name) => existsSync(`${REPO}connectors/${name}/dist/connector.mjs`)).map(
  (name) => `${name}=${REPO}connectors/${name}`,
);
const times = quick ? '3' : '9';

/** Each part: the scripts it runs (relative to runtime/), and rows for what it cannot run here. */
const PARTS = {
  webhook: {
    runs: [{ script: 'bench/webhook.mjs', env: quick ? { DURATION: '2', WARMUP: '1' } : {} }],
  },
  runs: { runs: [{ script: 'bench/cpu-per-run.mjs', args: ['16', '--profile'] }] },
  queue: { runs: [{ script: 'bench/queue.mjs', args: quick ? ['--runs', '200'] : [] }] },
  cold: {
    runs: [
      { script: 'bench/cold-load.mjs', args: ['--times', times] },
      ...(bundleDirs.length > 0
        ? [
            { script: 'bench/bundle-load.mjs', args: ['--times', times, '--isolation', 'worker', ...bundleDirs] },
            ...(osOn
              ? [
                  {
                    script: 'bench/bundle-load.mjs',
                    args: ['--times', times, '--isolation', 'process', '--os-sandbox', 'require', ...bundleDirs],
                  },
                ]
              : []),
          ]
        : []),
    ],
    missing: [
      ...(bundleDirs.length === 0
        ? [notMeasured('cold load of real connectors', `no connectors/{${BUNDLES}}/dist: run node scripts/build.mjs`)]
        : []),
      ...(osOn
        ? []
        : [notMeasured('cold load of real connectors, process in OS namespaces', `no bubblewrap: ${osStatus.reason}`)]),
    ],
  },
  rss: { runs: [{ script: 'bench/worker-rss.mjs', args: ['--sandboxes', quick ? '2' : '4'] }] },
  cli: { runs: [{ script: 'bench/cli-start.mjs', args: ['--times', quick ? '3' : '10'] }] },
  registry: {
    runs: [
      {
        script: '../registry/bench/restart.mjs',
        args: [
          ...['--connectors', quick ? '100' : '1000', '--rounds', quick ? '1' : '3'],
          ...(values['registry-data'] ? ['--data', values['registry-data']] : []),
        ],
      },
    ],
    missing: [
      notMeasured(
        'marketplace: first results without debounce',
        'behaviour, not a figure: registry/test/web-browser.test.ts checks it',
      ),
    ],
  },
};

const only = values.only?.split(',') ?? Object.keys(PARTS);
const unknown = only.filter((name) => !(name in PARTS));
if (unknown.length > 0) {
  console.error(`no part ${unknown.join(', ')}; the parts: ${Object.keys(PARTS).join(', ')}`);
  process.exit(2);
}

/** Runs one script with --json; resolves to its last stdout line parsed, or to the reason it failed. */
function runPart({ script, args = [], env = {} }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args, '--json'], {
      cwd: RUNTIME,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Every script ends by itself; this only stops one that hangs.
      timeout: (quick ? 10 : 30) * 60_000,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code, signal) => {
      // The script's JSON is its last line, but a server it closed may still log after it (Verdaccio
      // does, reading packages of a data dir being removed), so take the last line that is a part's.
      const lines = out.trimEnd().split('\n');
      const json = lines.findLast((line) => line.startsWith('{"part":'));
      const last = lines.at(-1) ?? '';
      if (code === 0 && json) return resolve({ data: JSON.parse(json) });
      const why =
        code === 0
          ? `printed no JSON last (${last.slice(0, 80) || 'nothing'})`
          : (err.trim().split('\n').filter(Boolean).at(-1) ?? `exit ${code ?? signal}`);
      resolve({ error: `${script} failed: ${why}` });
    });
  });
}

const started = performance.now();
const loads = [];
const rows = [];
let hottest = [];
for (const name of only) {
  const part = PARTS[name];
  for (const run of part.runs) {
    process.stderr.write(`\n== ${name}: ${run.script} ${(run.args ?? []).join(' ')}\n`);
    const before = loadavg();
    const partStart = performance.now();
    const result = await runPart(run);
    loads.push({
      part: name,
      script: run.script,
      before,
      after: loadavg(),
      seconds: (performance.now() - partStart) / 1000,
    });
    if (result.error) {
      rows.push({ part: name, ...notMeasured(`${name} (${run.script})`, result.error) });
      continue;
    }
    for (const r of GOALS[result.data.part](result.data)) rows.push({ part: name, ...r });
    if (result.data.part === 'runs') hottest = result.data.hottest;
  }
  for (const r of part.missing ?? []) rows.push({ part: name, ...r });
}

const three = (l) => l.map((x) => x.toFixed(2)).join(' ');
if (values.json) {
  console.log(JSON.stringify({ quick, node: process.version, cores: cpus().length, loads, rows, hottest }));
} else {
  console.log(
    `\nIssue 21 goals${quick ? ' (--quick: short runs, a smoke check; do not quote these figures)' : ''}: Node ${process.version}, ` +
      `${cpus().length} × ${cpus()[0]?.model.trim()}, ${new Date().toISOString()}, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
  console.log(goalsTable(rows));
  if (hottest.length > 0) {
    console.log('\nHottest functions of in-process runs (main-thread self time, cpu-per-run.mjs --profile)\n');
    console.log(
      table(
        [
          ['share', 'right'],
          ['function', 'left'],
        ],
        hottest.slice(0, 8).map((h) => [`${(h.share * 100).toFixed(1)}%`, h.name]),
      ),
    );
  }
  console.log('\nLoad average (1, 5, 15 min) before and after each part\n');
  console.log(
    table(
      [
        ['part', 'left'],
        ['script', 'left'],
        ['before', 'left'],
        ['after', 'left'],
        ['s', 'right'],
      ],
      loads.map((l) => [l.part, l.script, three(l.before), three(l.after), l.seconds.toFixed(0)]),
    ),
  );
}
