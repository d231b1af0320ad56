import { describe, expect, it } from 'vitest';
import type { WorkflowIssue } from '../src/errors.js';
import { createRuntime } from '../src/runtime.js';
import { validateWorkflow } from '../src/workflow/validate.js';
import { tempDir } from './helpers.js';

async function issuesOf(input: unknown, limits = {}): Promise<WorkflowIssue[]> {
  const result = await validateWorkflow(input, { limits });
  return result.ok ? [] : result.issues;
}

/** `open` n times around `inner` and `close` n times: a document nested n deep, built as text. */
function nest(n: number, open: (i: number) => string, inner: string, close: string): string {
  let text = '';
  for (let i = 0; i < n; i++) text += open(i);
  return text + inner + close.repeat(n);
}

const DEEP = {
  'a 1,000-deep if': `{"mova":"1.0","name":"x","steps":[${nest(1000, (i) => `{"id":"i${i}","if":true,"then":[`, '{"id":"leaf","set":1}', ']}')}]}`,
  'a 3,000-deep try': `{"mova":"1.0","name":"x","steps":[${nest(3000, (i) => `{"id":"t${i}","try":[`, '{"id":"leaf","set":1}', '],"catch":{"do":[]}}')}]}`,
  'a 10,000-deep value': `{"mova":"1.0","name":"x","steps":[{"id":"v","set":${nest(10000, () => '{"a":', '1', '}')}}]}`,
};

describe('documented limits, refused early with a located issue (issue 13, item 5)', () => {
  for (const [name, text] of Object.entries(DEEP)) {
    it(`refuses ${name} with a located issue, not a stack overflow`, async () => {
      const issues = await issuesOf(text);
      expect(issues).toHaveLength(1);
      expect(issues[0]?.message).toMatch(/^nests objects and arrays deeper than 64 levels \(line 1 column \d+\)$/);
      expect(issues[0]?.pointer).toMatch(/^\/steps\/0\//);
      expect(issues[0]?.hint).toContain('at most 64 levels');
    });
  }

  it('refuses a deep value given as an object, and a cycle, without recursing', async () => {
    let value: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 10_000; i++) value = { a: value };
    const issues = await issuesOf({ mova: '1.0', name: 'x', steps: [{ id: 'v', set: value }] });
    expect(issues.map((i) => i.message)).toEqual(['nests objects and arrays deeper than 64 levels']);
    const cyclic: Record<string, unknown> = { id: 'c', set: {} };
    (cyclic.set as Record<string, unknown>).self = cyclic;
    expect((await issuesOf({ mova: '1.0', name: 'x', steps: [cyclic] }))[0]?.message).toMatch(/deeper than 64/);
  });

  it('accepts nesting up to the limit, which a runtime may raise', async () => {
    // 30 ifs inside each other: 2 levels each, plus the document, the list and the leaf.
    const ifs = (n: number) =>
      `{"mova":"1.0","name":"x","steps":[${nest(n, (i) => `{"id":"i${i}","if":true,"then":[`, '{"id":"leaf","set":1}', ']}')}]}`;
    expect(await issuesOf(ifs(30))).toEqual([]);
    expect((await issuesOf(ifs(40)))[0]?.message).toMatch(/deeper than 64 levels/);
    expect(await issuesOf(ifs(40), { maxWorkflowDepth: 100 })).toEqual([]);
    // Raised too far for the call stack: still a located issue, never a RangeError.
    const issues = await issuesOf(DEEP['a 3,000-deep try'], { maxWorkflowDepth: 100_000 });
    expect(issues.map((i) => [i.pointer, i.message])).toEqual([
      ['', 'nests too deeply for this runtime to check (the call stack ran out)'],
    ]);
  });

  it('refuses a workflow file over 5 MiB before parsing it', async () => {
    const big = JSON.stringify({ mova: '1.0', name: 'x', steps: [{ id: 'v', set: 'x'.repeat(6 * 1024 * 1024) }] });
    const started = performance.now();
    expect(await issuesOf(big)).toEqual([
      {
        pointer: '',
        message: 'is 6 MiB, more than the 5 MiB a workflow file may be',
        hint: 'Keep large data out of the workflow: pass it as an input or read it with a step.',
      },
    ]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses more than 10,000 steps at the first step past the limit', async () => {
    const steps = Array.from({ length: 10_001 }, (_, i) => ({ id: `s${i}`, set: i }));
    expect(await issuesOf(JSON.stringify({ mova: '1.0', name: 'x', steps }))).toEqual([
      {
        pointer: '/steps/10000',
        message: 'is past the 10000 steps a workflow may hold (it has 10001, nested ones included)',
        hint: 'Split the workflow, or loop over data with repeat instead of writing a step per item.',
      },
    ]);
    const nested = [{ id: 'outer', try: steps.slice(0, 3), catch: { do: steps.slice(3, 6) } }];
    expect((await issuesOf({ mova: '1.0', name: 'x', steps: nested }, { maxSteps: 5 }))[0]?.pointer).toBe(
      '/steps/0/catch/do/1',
    );
  });

  it('validates 10,000 steps that each read the one before in linear time', { timeout: 60_000 }, async () => {
    const steps = Array.from({ length: 10_000 }, (_, i) => ({
      id: `s${i}`,
      set: i === 0 ? 0 : `{{ steps.s${i - 1}.output + 1 }}`,
    }));
    // Before: checkReferences copied the set of earlier ids at every step (157 s here for 10,000).
    const started = performance.now();
    expect(await issuesOf(JSON.stringify({ mova: '1.0', name: 'x', steps }))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(45_000);
  });

  it('still finds a read of a step that has not run, across blocks', async () => {
    const issues = await issuesOf({
      mova: '1.0',
      name: 'x',
      steps: [
        {
          id: 'p',
          parallel: { branches: [[{ id: 'a', set: 1 }], [{ id: 'b', set: '{{ steps.a.output }}' }]] },
        },
        { id: 'after', set: '{{ steps.a.output + steps.b.output }}' },
        { id: 't', try: [{ id: 'inTry', set: 1 }], catch: { do: [{ id: 'c', set: '{{ steps.inTry.output }}' }] } },
        {
          id: 'loop',
          repeat: { while: '{{ steps.body.output < 3 }}' },
          do: [{ id: 'body', set: '{{ index }}' }],
        },
        { id: 'last', set: '{{ steps.later.output }}' },
        { id: 'later', set: 1 },
      ],
    });
    expect(issues.map((i) => [i.pointer, i.message])).toEqual([
      ['/steps/0/parallel/branches/1/0/set', 'reads steps.a, which is in another branch of parallel step "p"'],
      ['/steps/2/catch/do/0/set', 'reads steps.inTry from the try block of "t", which may have failed before it'],
      ['/steps/4/set', 'reads steps.later, which runs later'],
    ]);
  });
});

describe('small faults (issue 13, item 11)', () => {
  it('reports repeated JSON keys with their place instead of keeping the last', async () => {
    const text =
      '{\n  "mova": "1.0",\n  "name": "a",\n  "name": "b",\n  "steps": [{ "id": "x", "set": 1, "s\\u0065t": 2 }]\n}';
    expect(await issuesOf(text)).toEqual([
      {
        pointer: '/name',
        message: 'repeats the key "name" (line 4 column 3; first at line 3 column 3)',
        hint: 'JSON keeps only the last value of a repeated key, so the other would be lost without a word: remove or rename one.',
      },
      {
        pointer: '/steps/0/set',
        message: 'repeats the key "set" (line 5 column 36; first at line 5 column 26)',
        hint: 'JSON keeps only the last value of a repeated key, so the other would be lost without a word: remove or rename one.',
      },
    ]);
    expect(await issuesOf('{"mova":"1.0","name":"a","steps":[{"id":"x","set":{"a":1,"b":{"a":2}}}]}')).toEqual([]);
  });

  it('refuses an inputs pattern that takes exponential time, such as ^(a+)+$', async () => {
    const workflow = (pattern: string) => ({
      mova: '1.0',
      name: 'x',
      inputs: {
        type: 'object',
        properties: { tag: { type: 'string', pattern, default: 'a', examples: [{ pattern: '(a+)+' }] } },
        patternProperties: { '^(x+x+)+y$': { type: 'string' } } as Record<string, unknown>,
      },
      steps: [{ id: 'a', set: 1 }],
    });
    expect((await issuesOf(workflow('^(a+)+$'))).map((i) => [i.pointer, i.message])).toEqual([
      [
        '/inputs/patternProperties/^(x+x+)+y$',
        'is a regular expression that can take exponential time to match (^(x+x+)+y$)',
      ],
      ['/inputs/properties/tag/pattern', 'is a regular expression that can take exponential time to match (^(a+)+$)'],
    ]);
    const safe = workflow('^[a-z]+$');
    safe.inputs.patternProperties = { '^x-[a-z]+$': { type: 'string' } };
    expect(await issuesOf(safe)).toEqual([]);
  });

  it('a step with the id __proto__ is read like any other', async () => {
    const dir = await tempDir();
    const runtime = createRuntime({ dataDir: dir.path });
    try {
      const result = await runtime.run({
        mova: '1.0',
        name: 'proto',
        steps: [
          { id: '__proto__', set: { n: 5 } },
          { id: 'constructor', set: '{{ steps.__proto__.output.n + 1 }}' },
          { id: 'b', set: '{{ [steps.__proto__.output.n, steps.constructor.output, $count($keys(steps))] }}' },
        ],
      });
      expect(result).toMatchObject({ status: 'completed', output: [5, 6, 2] });
    } finally {
      await runtime.close();
      await dir.remove();
    }
  });
});
