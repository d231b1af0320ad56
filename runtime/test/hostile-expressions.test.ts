import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../src/workflow/types.js';
import { testRuntime, workflow } from './helpers.js';

// Expressions are code the workflow's author writes and data they do not control feeds: each of
// these once froze the runtime's thread (seconds to minutes) or crashed its process. Now each
// fails its own step, and other runs on the same runtime go on meanwhile.
let t: Awaited<ReturnType<typeof testRuntime>>;
beforeAll(async () => {
  t = await testRuntime();
  // The expression workers start on first use; start them before anything is timed.
  await Promise.all([1, 2].map(() => t.runtime.run(workflow([{ id: 'warm', set: '{{ [1] }}' }]))));
});
afterAll(() => t.cleanup());

/** Runs one `set` step with `expression`; returns its error and how late the event loop ticked meanwhile. */
async function hostile(expression: string) {
  let maxLagMs = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - last - 20);
    last = now;
  }, 20);
  // Other runs keep starting and finishing while the hostile one is stopped.
  let others = 0;
  let stop = false;
  const background = (async () => {
    while (!stop) {
      // One expression on the runtime thread, one in a worker: neither waits on the hostile one.
      const run = await t.runtime.run(workflow([{ id: 'ok', set: '{{ [inputs.n + 1] }}' }]), { n: 1 });
      if (run.status === 'completed' && JSON.stringify(run.output) === '[2]') others++;
    }
  })();
  const started = performance.now();
  const result = await t.runtime.run(workflow([{ id: 'bad', set: `{{ ${expression} }}` } as Step]));
  const ms = performance.now() - started;
  stop = true;
  await background;
  clearInterval(ticker);
  return { result, ms, maxLagMs, others };
}

describe('a hostile expression fails its own step; the runtime keeps serving', () => {
  it.each([
    ['a huge $pad (ran 18 s on the runtime thread)', '$pad("", 1e8)'],
    ['a backtracking regex (froze the runtime 8.6 s)', '$match($pad("", 32, "a") & "!", /(a+)+$/)'],
    ['$sort of 300k items (ran out of heap and crashed the process)', '$sort([1..3e5])'],
    ['$distinct of 100k items (quadratic)', '$distinct([1..1e5])'],
  ])(
    '%s',
    async (_, expression) => {
      const { result, ms, maxLagMs, others } = await hostile(expression);
      expect(result.status).toBe('failed');
      expect(result.error).toMatchObject({ kind: 'expression', pointer: '/steps/0/set' });
      // Killed at 1.5 s or 128 MiB; or, when the machine is fast enough to finish first, refused by size.
      expect(result.error?.message).toMatch(
        /was stopped: it (ran longer than 1500 ms|ran out of memory \(limit 128 MiB\))|gives a value larger than 16 MiB$/,
      );
      expect(ms).toBeLessThan(15_000);
      expect(others).toBeGreaterThan(0);
      // The runtime thread never waited on it: before, its longest stall was the whole evaluation.
      // (Half of it, not a fixed figure: a busy machine stalls every thread now and then.)
      expect(maxLagMs).toBeLessThan(ms / 2);
    },
    60_000,
  );

  it('a result larger than 16 MiB is refused, on the runtime thread or in a worker', async () => {
    const big = 'x'.repeat(17 * 1024 * 1024);
    for (const set of ['{{ inputs.s }}', '{{ [inputs.s] }}']) {
      const run = await t.runtime.run(workflow([{ id: 'big', set }]), { s: big });
      expect(run.error?.message, set).toBe(`${set} gives a value larger than 16 MiB`);
    }
  });

  it('the same guards hold for what runs on the runtime thread: a loop is stopped by JSONata', async () => {
    const run = await t.runtime.run(
      workflow([{ id: 'loop', set: '{{ ($f := function($n) { $f($n + 1) }; $f(0)) }}' }]),
    );
    expect(run.error).toMatchObject({ kind: 'expression' });
  });

  it('everyday expressions still give the same values', async () => {
    const run = await t.runtime.run(
      workflow([
        { id: 'a', set: { list: [{ v: 1 }, { v: 5 }], tags: ['x', 'y'] } },
        {
          id: 'b',
          set: {
            big: '{{ steps.a.output.list[v > 2].v }}',
            joined: '{{ $join(steps.a.output.tags, ", ") }}',
            text: '#{{ $count(steps.a.output.list) }}',
            sorted: '{{ $sort(steps.a.output.list.v, function($l, $r) { $l < $r }) }}',
            obj: '{{ {"n": $count(steps.a.output.tags)} }}',
          },
        },
      ]),
    );
    expect(run.output).toEqual({ big: 5, joined: 'x, y', text: '#2', sorted: [5, 1], obj: { n: 2 } });
  });
});
