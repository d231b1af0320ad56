// `node bench/expressions.mjs` (from runtime/, after a build): what bounding JSONata costs and buys.
// Everyday expressions on the runtime thread versus in an expression worker; hostile expressions
// on the runtime thread as before (JSONata's own 1 s limit only) versus the worker, with the
// runtime thread's longest event-loop stall meanwhile. Takes about half a minute.
import jsonata from 'jsonata';
import { compileWorkflow } from '../dist/expressions/compile.js';
import { evaluateTemplate } from '../dist/expressions/evaluate.js';

const scope = {
  inputs: {
    repo: 'mova/hub',
    n: 5,
    labels: ['bug', 'ops'],
    list: Array.from({ length: 20 }, (_, i) => ({ name: `n${i}`, v: i })),
  },
  steps: {
    issue: { output: { number: 123 }, status: 'completed' },
    each: { output: Array.from({ length: 50 }, (_, i) => ({ i })) },
  },
  env: {},
};
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const compile = (source) => {
  const wf = { mova: '1.0', name: 'b', steps: [{ id: 's', set: `{{ ${source} }}` }] };
  return compileWorkflow(wf).templates.get('/steps/0/set');
};

console.log('| expression | where | median µs |\n|---|---|---|');
for (const source of [
  'inputs.repo',
  'steps.issue.output.number > 100',
  '$count(steps.each.output)',
  'inputs.list[v > 10].name',
  '$join(inputs.labels, ", ")',
  '{"n": inputs.n}',
]) {
  const template = compile(source);
  const times = [];
  for (let i = 0; i < 3000; i++) {
    const t = performance.now();
    await evaluateTemplate(template, '/steps/0/set', scope);
    times.push(performance.now() - t);
  }
  console.log(
    `| \`${source}\` | ${template.expression.bounded ? 'runtime thread' : 'worker'} | ${(median(times) * 1000).toFixed(0)} |`,
  );
}

async function timed(run) {
  let lag = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - last - 10);
    last = now;
  }, 10);
  const t = performance.now();
  let outcome;
  try {
    const value = await run();
    outcome = typeof value === 'string' ? `string of ${value.length}` : 'finished';
  } catch (error) {
    outcome = (error.message ?? String(error)).replace(/^\{\{.*?\}\} /, '').slice(0, 60);
  }
  const ms = performance.now() - t;
  // A thread that was blocked ticks late once it is free again: let that tick be counted.
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(ticker);
  return { ms, lag, outcome };
}

console.log(
  '\n| hostile expression | before: runtime thread (JSONata 1 s limit) | now: worker, killed at 1.5 s / 128 MiB |\n|---|---|---|',
);
// $sort([1..3e5]) is left out of the "before" column: on the runtime thread it ran ~2 min and then crashed the process (heap out of memory).
for (const source of [
  '$pad("", 3e7)',
  '$match($pad("", 27, "a") & "!", /(a+)+$/)',
  '$distinct([1..3e4])',
  '$string([1..2e6])',
  '$sort([1..3e5])',
]) {
  // The worker first, so the garbage the runtime-thread run leaves is not collected in its time.
  const now = await timed(() => evaluateTemplate(compile(source), '/steps/0/set', {}));
  const before = source.startsWith('$sort')
    ? undefined
    : await timed(() => jsonata(source, { timeout: 1000, stack: 500 }).evaluate({}, {}));
  const cell = (r) =>
    r ? `${r.ms.toFixed(0)} ms, stall ${r.lag.toFixed(0)} ms (${r.outcome})` : 'crashed the process after ~2 min';
  console.log(`| \`${source}\` | ${cell(before)} | ${cell(now)} |`);
}
process.exit(0);
