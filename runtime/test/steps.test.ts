import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureManifests, testRuntime, workflow } from './helpers.js';

let t: Awaited<ReturnType<typeof testRuntime>>;

beforeAll(async () => {
  await buildFixtureManifests();
  t = await testRuntime();
});
afterAll(() => t.cleanup());

describe('set', () => {
  it('outputs its evaluated value, readable by later steps', async () => {
    const result = await t.runtime.run(
      workflow([
        { id: 'a', set: { n: '{{ inputs.n * 2 }}', label: 'n={{ inputs.n }}' } },
        { id: 'b', set: '{{ steps.a.output.n + 1 }}' },
      ]),
      { n: 4 },
    );
    expect(result).toMatchObject({ status: 'completed', output: 9 });
  });

  it('fills input defaults from the inputs schema', async () => {
    const wf = workflow([{ id: 'a', set: '{{ inputs.greeting }}' }], {
      inputs: { type: 'object', properties: { greeting: { type: 'string', default: 'hi' } } },
    });
    expect((await t.runtime.run(wf, {})).output).toBe('hi');
  });

  it('runs a workflow that declares no inputs, and refuses inputs given to it', async () => {
    const text = JSON.stringify({ mova: '1.0', name: 'no-inputs', steps: [{ id: 'a', set: 'done' }] });
    expect(await t.runtime.run(text)).toMatchObject({ status: 'completed', output: 'done' });
    await expect(t.runtime.run(text, { stray: 1 })).rejects.toMatchObject({
      issues: [expect.objectContaining({ pointer: '/stray', message: 'is not allowed here' })],
    });
  });
});

describe('if', () => {
  const wf = workflow([
    // biome-ignore lint/suspicious/noThenProperty: a branch step's "then" is its list of steps
    { id: 'pick', if: '{{ inputs.n > 10 }}', then: [{ id: 'big', set: 'big' }], else: [{ id: 'small', set: 'small' }] },
  ]);

  it('runs then or else and outputs the last step of the branch that ran', async () => {
    expect((await t.runtime.run(wf, { n: 11 })).output).toBe('big');
    expect((await t.runtime.run(wf, { n: 1 })).output).toBe('small');
  });

  it('outputs null when the condition is false and there is no else', async () => {
    // biome-ignore lint/suspicious/noThenProperty: a branch step's "then" is its list of steps
    const noElse = workflow([{ id: 'pick', if: '{{ false }}', then: [{ id: 'x', set: 1 }] }]);
    expect((await t.runtime.run(noElse)).output).toBeNull();
  });

  it('skips a step whose own if is false; its output is null and its status skipped', async () => {
    const result = await t.runtime.run(
      workflow([
        { id: 'maybe', if: '{{ inputs.go }}', set: 'ran' },
        { id: 'after', set: { out: '{{ steps.maybe.output }}', status: '{{ steps.maybe.status }}' } },
      ]),
      { go: false },
    );
    expect(result.output).toEqual({ out: null, status: 'skipped' });
    const run = await t.store.getRun(result.runId);
    expect(run?.steps.map((s) => [s.key, s.status])).toEqual([
      ['maybe', 'skipped'],
      ['after', 'completed'],
    ]);
  });
});

describe('repeat', () => {
  it('for_each outputs the last step of each iteration, with the item and index variables', async () => {
    const result = await t.runtime.run(
      workflow([
        {
          id: 'each',
          repeat: { for_each: '{{ inputs.labels }}', as: 'label', index_as: 'i' },
          do: [
            { id: 'upper', set: '{{ $uppercase(label) }}' },
            { id: 'tag', set: '{{ i }}:{{ steps.upper.output }}' },
          ],
        },
      ]),
      { labels: ['bug', 'ops'] },
    );
    expect(result.output).toEqual(['0:BUG', '1:OPS']);
    const run = await t.store.getRun(result.runId);
    expect(run?.steps.map((s) => s.key)).toEqual(['each', 'upper[0]', 'tag[0]', 'upper[1]', 'tag[1]']);
  });

  it('takes a single value as a list of one and nothing as an empty list', async () => {
    const wf = workflow([{ id: 'each', repeat: { for_each: '{{ inputs.x }}' }, do: [{ id: 'v', set: '{{ item }}' }] }]);
    expect((await t.runtime.run(wf, { x: 'solo' })).output).toEqual(['solo']);
    expect((await t.runtime.run(wf, {})).output).toEqual([]);
  });

  it('loops over a literal list whose items hold expressions', async () => {
    const wf = workflow([
      { id: 'each', repeat: { for_each: ['a', '{{ inputs.b }}'] }, do: [{ id: 'v', set: '{{ index }}{{ item }}' }] },
    ]);
    expect((await t.runtime.run(wf, { b: 'z' })).output).toEqual(['0a', '1z']);
  });

  it('while checks before each iteration and sees the previous iteration', async () => {
    const result = await t.runtime.run(
      workflow([
        {
          id: 'pages',
          repeat: { while: '{{ $not($exists(steps.page)) or steps.page.output.next != null }}', index_as: 'n' },
          do: [{ id: 'page', set: { n: '{{ n }}', next: '{{ n < 2 ? n + 1 : null }}' } }],
        },
      ]),
    );
    expect(result.output).toEqual([
      { n: 0, next: 1 },
      { n: 1, next: 2 },
      { n: 2, next: null },
    ]);
  });

  it('fails a while loop that reaches max_iterations', async () => {
    const result = await t.runtime.run(
      workflow([{ id: 'forever', repeat: { while: true, max_iterations: 3 }, do: [{ id: 'x', set: 1 }] }]),
    );
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ kind: 'limit', step: 'forever', pointer: '/steps/0/repeat/while' });
    expect(result.error?.message).toContain('max_iterations (3)');
  });

  it('refuses a list longer than the runtime allows', async () => {
    const small = await testRuntime({ limits: { maxIterations: 2 } });
    const result = await small.runtime.run(
      workflow([{ id: 'each', repeat: { for_each: '{{ [1, 2, 3] }}' }, do: [{ id: 'x', set: 1 }] }]),
    );
    await small.cleanup();
    expect(result.error).toMatchObject({ kind: 'limit', pointer: '/steps/0/repeat/for_each' });
  });
});

describe('parallel', () => {
  it('runs list branches and outputs their last outputs in order; their steps are readable after', async () => {
    const result = await t.runtime.run(
      workflow([
        {
          id: 'both',
          parallel: {
            branches: [
              [
                { id: 'w1', wait: { duration: '30ms' } },
                { id: 'a', set: 'A' },
              ],
              [{ id: 'b', set: 'B' }],
            ],
          },
        },
        { id: 'after', set: ['{{ steps.a.output }}', '{{ steps.b.output }}', '{{ steps.both.output }}'] },
      ]),
    );
    expect(result.output).toEqual(['A', 'B', ['A', 'B']]);
  });

  it('outputs an object for named branches and runs them at once', async () => {
    const result = await t.runtime.run(
      workflow([
        {
          id: 'p',
          parallel: {
            branches: {
              left: [
                { id: 'l', wait: { duration: '150ms' } },
                { id: 'lv', set: 1 },
              ],
              right: [
                { id: 'r', wait: { duration: '150ms' } },
                { id: 'rv', set: 2 },
              ],
            },
          },
        },
      ]),
    );
    expect(result.output).toEqual({ left: 1, right: 2 });
    // At once: each wait began before the other ended, as the step records show; no wall-clock bound,
    // which a loaded machine can stretch.
    const steps = (await t.store.getRun(result.runId))?.steps ?? [];
    const span = (key: string) => {
      const step = steps.find((s) => s.key === key);
      return [Date.parse(step?.startedAt ?? ''), Date.parse(step?.endedAt ?? '')] as const;
    };
    const [[leftStart, leftEnd], [rightStart, rightEnd]] = [span('l'), span('r')];
    expect(leftStart).toBeLessThan(rightEnd);
    expect(rightStart).toBeLessThan(leftEnd);
  });

  it('runs one branch at a time with concurrency 1', async () => {
    const started = Date.now();
    await t.runtime.run(
      workflow([
        {
          id: 'p',
          parallel: {
            concurrency: 1,
            branches: [[{ id: 'x', wait: { duration: '100ms' } }], [{ id: 'y', wait: { duration: '100ms' } }]],
          },
        },
      ]),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('fails with the failing branch and cancels the others', async () => {
    const result = await t.runtime.run(
      workflow([
        {
          id: 'p',
          parallel: {
            branches: [[{ id: 'slow', wait: { duration: '2s' } }], [{ id: 'boom', fail: { message: 'nope' } }]],
          },
        },
      ]),
    );
    expect(result.error).toMatchObject({ kind: 'failed', step: 'boom', message: 'nope' });
    const run = await t.store.getRun(result.runId);
    expect(run?.steps.find((s) => s.key === 'slow')).toMatchObject({ status: 'failed', error: { kind: 'cancelled' } });
  });
});

describe('try / catch', () => {
  it('runs catch with the error bound to its variable and outputs its last step', async () => {
    const result = await t.runtime.run(
      workflow([
        {
          id: 'guard',
          try: [{ id: 'boom', fail: { message: 'bad {{ inputs.what }}', kind: 'not_found' } }],
          catch: { as: 'err', do: [{ id: 'handled', set: '{{ err.kind }}: {{ err.message }} at {{ err.step }}' }] },
        },
      ]),
      { what: 'thing' },
    );
    expect(result).toMatchObject({ status: 'completed', output: 'not_found: bad thing at boom' });
    const run = await t.store.getRun(result.runId);
    expect(run?.steps.map((s) => [s.key, s.status])).toEqual([
      ['guard', 'completed'],
      ['boom', 'failed'],
      ['handled', 'completed'],
    ]);
  });

  it('outputs the try block when nothing fails', async () => {
    const wf = workflow([{ id: 'guard', try: [{ id: 'ok', set: 1 }], catch: { do: [{ id: 'never', set: 2 }] } }]);
    expect((await t.runtime.run(wf)).output).toBe(1);
  });

  it('lets kinds it does not list through', async () => {
    const result = await t.runtime.run(
      workflow([
        {
          id: 'guard',
          try: [{ id: 'boom', fail: { message: 'conflict!', kind: 'conflict' } }],
          catch: { kinds: ['not_found'], do: [{ id: 'h', set: 1 }] },
        },
      ]),
    );
    expect(result.error).toMatchObject({ kind: 'conflict', step: 'boom' });
  });

  it('catches an expression failure with its pointer', async () => {
    const result = await t.runtime.run(
      workflow([
        {
          id: 'guard',
          try: [{ id: 'calc', set: '{{ $number("x") }}' }],
          catch: { kinds: ['expression'], do: [{ id: 'h', set: '{{ error.pointer }}' }] },
        },
      ]),
    );
    expect(result.output).toBe('/steps/0/try/0/set');
  });
});

describe('wait', () => {
  it('waits for a literal or computed duration', async () => {
    const started = Date.now();
    const result = await t.runtime.run(
      workflow([
        { id: 'w', wait: { duration: '60ms' } },
        { id: 'w2', wait: { duration: '{{ inputs.ms }}ms' } },
      ]),
      { ms: 40 },
    );
    expect(result.status).toBe('completed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('refuses a computed duration above the cap', async () => {
    const result = await t.runtime.run(workflow([{ id: 'w', wait: { duration: '{{ "1h" }}' } }]));
    expect(result.error).toMatchObject({ kind: 'limit', pointer: '/steps/0/wait/duration' });
  });

  it('refuses a computed value that is not a duration', async () => {
    const result = await t.runtime.run(workflow([{ id: 'w', wait: { duration: '{{ 5 }}' } }]));
    expect(result.error).toMatchObject({ kind: 'invalid_input', pointer: '/steps/0/wait/duration' });
  });
});

describe('fail', () => {
  it('fails the run with its message and kind, and stops', async () => {
    const result = await t.runtime.run(
      workflow([
        { id: 'stop', fail: { message: 'missing {{ inputs.field }}', kind: 'invalid_input' } },
        { id: 'never', set: 1 },
      ]),
      { field: 'repo' },
    );
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: 'missing repo', step: 'stop', pointer: '/steps/0/fail' },
    });
    const run = await t.store.getRun(result.runId);
    expect(run?.status).toBe('failed');
    expect(run?.steps.map((s) => s.key)).toEqual(['stop']);
  });

  it('defaults to the kind failed', async () => {
    const result = await t.runtime.run(workflow([{ id: 'stop', fail: { message: 'x' } }]));
    expect(result.error?.kind).toBe('failed');
  });
});

describe('workflow output and env', () => {
  it('evaluates output at the end, shows only the env names listed, and keeps their values out of the store', async () => {
    const envRuntime = await testRuntime({ env: { REGION: 'eu-west', HIDDEN: 'no' } });
    const result = await envRuntime.runtime.run(
      workflow([{ id: 'a', set: 2 }], {
        env: ['REGION'],
        output: { region: '{{ env.REGION }}', all: '{{ $keys(env) }}', a: '{{ steps.a.output }}' },
      }),
    );
    const stored = await envRuntime.store.getRun(result.runId);
    await envRuntime.cleanup();
    expect(result.output).toEqual({ region: 'eu-west', all: 'REGION', a: 2 });
    // Environment values often carry tokens, so the store sees them redacted.
    expect(stored?.output).toEqual({ region: '[redacted]', all: 'REGION', a: 2 });
  });
});

describe('cancellation', () => {
  it('aborts running steps and ends the run cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await t.runtime.run(
      workflow([{ id: 'w', wait: { duration: '5s' } }]),
      {},
      { signal: controller.signal },
    );
    expect(result.status).toBe('cancelled');
    expect((await t.store.getRun(result.runId))?.status).toBe('cancelled');
  });
});
