// Issue 21's goals, judged from the JSON each bench script prints with --json (see goals.mjs). Pure
// functions: one per part, from that part's figures to rows of the goals table.
import { num, table } from './table.mjs';

/** 'met' or 'MISSED' for `value op limit`; 'not measured' when there is no value. */
export function judge(value, op, limit) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'not measured';
  const ok = { '>=': value >= limit, '<=': value <= limit, '<': value < limit }[op];
  if (ok === undefined) throw new Error(`unknown comparison ${op}`);
  return ok ? 'met' : 'MISSED';
}

const times = (value, baseline) => (baseline ? `${num(value / baseline)}×` : '');
const row = (goal, measured, baseline = '', ratio = '', verdict = 'info') => ({
  goal,
  measured,
  baseline,
  ratio,
  verdict,
});
/** A goal this run could not measure, with the reason in place of a figure. */
export const notMeasured = (goal, why) => row(goal, why, '', '', 'not measured');

export const N8N_MISSING = 'n8n not measured: set PEER_DIR, see ../shared/peers/n8n';

/** Webhook → Set → Respond: each MOVA target against the Node floor (≥ 1/5) and n8n (≥ 100×). */
function webhook(data) {
  const rows = [];
  const at = (target, c) => data.rows.find((r) => r.target === target && r.c === c);
  const concurrencies = [...new Set(data.rows.map((r) => r.c))];
  for (const c of concurrencies) {
    const floor = at('plain Node http floor', c);
    const n8n = data.n8n ? at(data.n8n, c) : undefined;
    for (const r of data.rows.filter((x) => x.c === c && x.target.startsWith('MOVA'))) {
      const measured =
        `${num(r.reqS)} req/s, p99 ${num(r.p99Ms)} ms, RSS ${num(r.rssMb)} MB` +
        (r.cpuMsPerReq === undefined ? '' : `, ${num(r.cpuMsPerReq)} ms CPU/req`) +
        (r.errors > 0 ? `, ${r.errors} errors` : '');
      const ofFloor = r.reqS / floor.reqS;
      rows.push(
        row(
          `webhook ${r.target.replace('MOVA serve, ', '')}, c=${c}: ≥ 1/5 of the Node floor`,
          measured,
          `floor ${num(floor.reqS)} req/s`,
          times(r.reqS, floor.reqS),
          judge(ofFloor, '>=', 0.2),
        ),
      );
      if (n8n) {
        rows.push(
          row(
            `webhook ${r.target.replace('MOVA serve, ', '')}, c=${c}: ≥ 100× n8n`,
            `${num(r.reqS)} req/s`,
            `n8n ${num(n8n.reqS)} req/s`,
            times(r.reqS, n8n.reqS),
            judge(r.reqS / n8n.reqS, '>=', 100),
          ),
        );
      }
    }
  }
  if (!data.n8n) rows.push(notMeasured('webhook: ≥ 100× n8n req/s', N8N_MISSING));
  return rows;
}

/** In-process runs/s against one main thread's CPU ceiling (1 s ÷ its CPU per run) in the same run. */
function runs(data) {
  const ceiling = data.cpuPerRunUs ? 1e6 / data.cpuPerRunUs : undefined;
  return [
    row(
      `in-process runs/s, 4-step workflow, c=${data.concurrency}: ≥ 10,000`,
      `${num(data.runsPerS)} runs/s, main thread ${num(data.cpuPerRunUs ?? Number.NaN)} µs CPU/run`,
      ceiling ? `main-thread CPU ceiling ${num(ceiling)} runs/s` : '',
      ceiling ? times(data.runsPerS, ceiling) : '',
      judge(data.runsPerS, '>=', 10_000),
    ),
  ];
}

/** Queue mode: no figure set; runs/s per worker count against one process and one worker. */
function queue(data) {
  const single = data.rows.find((r) => r.workers === 0);
  const one = data.rows.find((r) => r.workers === 1);
  return data.rows
    .filter((r) => r.workers > 0)
    .map((r) =>
      row(
        `queue mode runs/s, ${r.workers} worker(s) × ${data.concurrency} (report)`,
        `${num(r.rate)} runs/s${one && r !== one ? `, ${times(r.rate, one.rate)} 1 worker` : ''}`,
        `one process ${num(single.rate)} runs/s`,
        times(r.rate, single.rate),
      ),
    );
}

/** Cold loads of the SDK-built no-op: ≤ 50 ms in a worker and in a process in OS namespaces. */
function cold(data) {
  const p50 = (name) => data.rows.find((r) => r.name === name)?.p50;
  const rows = [];
  const variants = [
    ['cold load, worker', 'raw Worker spawn'],
    ['cold load, worker, with spare', 'raw Worker spawn'],
    ['cold load, process, OS namespaces', 'raw fork, permission flags'],
    ['cold load, process, OS namespaces, with spare', 'raw fork, permission flags'],
  ];
  for (const [name, baseline] of variants) {
    const goal = `${name.replace('cold load, ', 'cold load of the no-op, ')}: ≤ 50 ms`;
    const value = p50(name);
    if (value === undefined) {
      rows.push(notMeasured(goal, `no OS namespaces here: ${data.osSandbox}`));
      continue;
    }
    const n = data.rows.find((r) => r.name === name).n;
    rows.push(
      row(
        goal,
        `${num(value)} ms p50 (n=${n})`,
        `${baseline} ${num(p50(baseline))} ms`,
        times(value, p50(baseline)),
        judge(value, '<=', 50),
      ),
    );
  }
  return rows;
}

/** Cold loads of real connector bundles, with their sizes (one run of bundle-load.mjs per sandbox). */
function bundles(data) {
  const sandbox =
    data.isolation === 'worker' ? 'worker' : data.osSandbox === 'require' ? 'process, OS namespaces' : 'process, weak';
  const smallest = data.rows.reduce((a, b) => (a.bytes <= b.bytes ? a : b));
  return data.rows.map((r) =>
    row(
      `cold load of ${r.label} (${num(r.bytes / 1024)} KB), ${sandbox}: ≤ 50 ms`,
      `${num(r.p50)} ms p50 (n=${r.n})`,
      r === smallest ? '' : `${smallest.label} ${num(smallest.p50)} ms`,
      r === smallest ? '' : times(r.p50, smallest.p50),
      judge(r.p50, '<=', 50),
    ),
  );
}

/** Warm sandbox RSS: worker sandboxes judged (≤ 30 MB), process sandboxes shown beside them. */
function rss(data) {
  const raw = (isolation) => data.rows.find((r) => r.isolation === isolation && r.connector === null);
  return data.rows
    .filter((r) => r.connector !== null)
    .map((r) => {
      const base = raw(r.isolation);
      return row(
        r.isolation === 'worker' ? `warm ${r.variant} RSS: ≤ 30 MB` : `warm ${r.variant} RSS (the goal names workers)`,
        `${num(r.mb)} MB each (${data.sandboxes} at once)`,
        `${base.variant} ${num(base.mb)} MB`,
        times(r.mb, base.mb),
        r.isolation === 'worker' ? judge(r.mb, '<=', 30) : 'info',
      );
    });
}

/** CLI start, judged on CPU time (wall time moves with the machine's load; it is shown beside). */
function cli(data) {
  const get = (name) => data.rows.find((r) => r.name === name);
  const node = get('node -e 0');
  const version = get('mova-connector --version');
  const run = get('mova-connector run one.json');
  const figure = (r) => `${num(r.cpuMs)} ms CPU p50, wall ${num(r.wallMs)} ms (n=${r.n})`;
  const baseline = `node -e 0 ${num(node.cpuMs)} ms CPU`;
  return [
    row(
      '`mova-connector --version`: ≤ 200 ms',
      figure(version),
      baseline,
      times(version.cpuMs, node.cpuMs),
      judge(version.cpuMs, '<=', 200),
    ),
    row(
      '`mova-connector run` of a one-step workflow: ≤ 2× `node -e 0`',
      figure(run),
      baseline,
      times(run.cpuMs, node.cpuMs),
      judge(run.cpuMs / node.cpuMs, '<=', 2),
    ),
  ];
}

/** Registry restart over N connectors (< 2 s for 1,000) and npm search against the server's ping. */
function registry(data) {
  const goal = 'registry restart lists 1,000 connectors: < 2 s';
  const restart =
    data.connectors === 1000
      ? row(
          goal,
          `${num(data.cachedMs)} ms (cached start)`,
          `re-reading every tarball ${num(data.rereadMs)} ms`,
          times(data.cachedMs, data.rereadMs),
          judge(data.cachedMs, '<', 2000),
        )
      : row(
          goal,
          `${num(data.cachedMs)} ms for ${num(data.connectors)} connectors (not judged: the goal is for 1,000)`,
          `re-reading every tarball ${num(data.rereadMs)} ms`,
          times(data.cachedMs, data.rereadMs),
          'not measured',
        );
  return [
    restart,
    row(
      `npm /-/v1/search from the marketplace index, ${num(data.connectors)} connectors (report)`,
      `${num(data.searchMs)} ms median`,
      `/-/ping ${num(data.pingMs)} ms`,
      times(data.searchMs, data.pingMs),
    ),
  ];
}

export const GOALS = { webhook, runs, queue, cold, bundles, rss, cli, registry };

/** The goals table: part, goal, measured, baseline in the same run, ratio, verdict. */
export function goalsTable(rows) {
  return table(
    [
      ['part', 'left'],
      ['goal', 'left'],
      ['measured', 'left'],
      ['baseline (same run)', 'left'],
      ['ratio', 'right'],
      ['', 'left'],
    ],
    rows.map((r) => [r.part, r.goal, r.measured, r.baseline, r.ratio, r.verdict]),
  );
}
