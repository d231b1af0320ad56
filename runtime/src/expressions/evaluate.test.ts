import { describe, expect, it } from 'vitest';
import { workflow } from '../../test/helpers.js';
import { StepError } from '../errors.js';
import { compileWorkflow } from './compile.js';
import { evaluateValue, isTruthy } from './evaluate.js';

const scope = {
  inputs: {
    n: 5,
    name: 'Ada',
    list: [
      { name: 'a', v: 1 },
      { name: 'b', v: 2 },
    ],
    one: [{ v: 7 }],
    flag: false,
  },
  steps: { prev: { output: { items: [1, 2, 3], label: 'x' }, status: 'completed' } },
  env: { REGION: 'eu' },
  item: 'b',
};

async function evaluate(value: unknown) {
  const wf = workflow([{ id: 's', set: value as never }]);
  const compiled = compileWorkflow(wf);
  expect(compiled.issues).toEqual([]);
  return evaluateValue(value, '/steps/0/set', compiled.templates, scope);
}

describe('expression typing', () => {
  it.each([
    ['{{ inputs.n }}', 5],
    ['{{ inputs.n > 3 }}', true],
    ['{{ inputs.flag }}', false],
    ['{{ steps.prev.output.items }}', [1, 2, 3]],
    ['{{ {"a": inputs.n} }}', { a: 5 }],
    ['{{ null }}', null],
    ['{{ env.REGION }}', 'eu'],
  ])('a value that is exactly %j keeps its type', async (template, expected) => {
    expect(await evaluate(template)).toEqual(expected);
  });

  it.each([
    ['n = {{ inputs.n }}', 'n = 5'],
    ['{{ inputs.flag }}!', 'false!'],
    ['{{ steps.prev.output.items }} items', '[1,2,3] items'],
    ['[{{ inputs.missing }}]', '[]'],
    [' {{ inputs.n }}', ' 5'],
    ['{{ inputs.n }}{{ inputs.n }}', '55'],
  ])('text around an expression makes a string: %j', async (template, expected) => {
    expect(await evaluate(template)).toBe(expected);
  });

  it('leaves an object key out when its expression gives nothing, and nulls a list item', async () => {
    expect(await evaluate({ a: '{{ inputs.missing }}', b: 1, c: ['{{ inputs.missing }}'] })).toEqual({
      b: 1,
      c: [null],
    });
  });

  it('returns plain arrays and objects, not JSONata sequences', async () => {
    const names = await evaluate('{{ inputs.list.name }}');
    expect(names).toEqual(['a', 'b']);
    expect(Object.hasOwn(names as object, 'sequence')).toBe(false);
    const object = await evaluate('{{ inputs.list[0] }}');
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });

  it('binds the context as variables too, for paths inside filters', async () => {
    expect(await evaluate('{{ inputs.list[name = $item].v }}')).toBe(2);
  });

  it('keeps literals without expressions as they are', async () => {
    expect(await evaluate({ a: 'plain', b: [1, true, null] })).toEqual({ a: 'plain', b: [1, true, null] });
  });

  it('fails with the JSON pointer of the expression when evaluation fails', async () => {
    const error = await evaluate({ count: '{{ $number("x") }}' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ kind: 'expression', pointer: '/steps/0/set/count' });
    expect(String((error as Error).message)).toContain('Unable to cast value to a number');
  });

  it('refuses an expression that gives a function', async () => {
    await expect(evaluate('{{ $uppercase }}')).rejects.toMatchObject({ kind: 'expression', pointer: '/steps/0/set' });
  });

  it('stops a runaway expression', async () => {
    await expect(evaluate('{{ ($f := function($n) { $f($n + 1) }; $f(0)) }}')).rejects.toMatchObject({
      kind: 'expression',
    });
  });
});

describe('compileWorkflow', () => {
  it('compiles a workflow once and reuses the result for the same object', () => {
    const wf = workflow([{ id: 's', set: '{{ inputs.n }}' }]);
    const first = compileWorkflow(wf);
    expect(compileWorkflow(wf)).toBe(first);
    expect(first.templates.get('/steps/0/set')?.kind).toBe('whole');
    expect(compileWorkflow(structuredClone(wf))).not.toBe(first);
  });
});

describe('isTruthy', () => {
  it('follows JSONata $boolean', () => {
    expect([true, 1, 'x', [0, 1], { a: 1 }].map(isTruthy)).toEqual([true, true, true, true, true]);
    expect([false, 0, '', [], [0], {}, null, undefined].map(isTruthy)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
