import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { directEvaluator, MISS } from './direct.js';

const SCOPE = {
  inputs: { n: 3, name: 'ada', flag: true, none: null, list: [1, 2], nested: { deep: { x: 1.5 } }, zero: 0 },
  steps: {
    prepare: { output: { n: 3 } },
    text: { output: 'hello' },
    many: { output: [{ v: 1 }, { v: 2 }] },
  },
};

async function viaJsonata(expression: string): Promise<unknown> {
  return jsonata(expression).evaluate(SCOPE);
}

describe('directEvaluator', () => {
  // Each expression either reads directly to exactly what JSONata gives, or answers MISS.
  const cases = [
    'inputs.n',
    'inputs.name',
    'inputs.flag',
    'inputs.none',
    'inputs.missing',
    'inputs.nested.deep.x',
    'inputs.nested',
    'inputs.list',
    'steps.prepare.output.n > 0',
    'steps.prepare.output.n + 1',
    'steps.prepare.output.n * inputs.nested.deep.x',
    'inputs.n / inputs.zero',
    'inputs.n % 2',
    'inputs.n = 3',
    'inputs.n != 3',
    'inputs.name = "ada"',
    'inputs.name < "b"',
    'inputs.name + 1',
    'inputs.missing > 0',
    'steps.text.output.length',
    'steps.many.output.v',
    'nothing.at.all',
    '"text"',
    '42',
  ];
  for (const expression of cases) {
    it(`agrees with JSONata on ${expression}`, async () => {
      const direct = directEvaluator(jsonata(expression).ast());
      const expected = await viaJsonata(expression).catch((error: { code?: string }) => ({ error: error.code }));
      if (!direct) return;
      const got = direct(SCOPE);
      if (got === MISS) return;
      expect(got).toEqual(expected);
    });
  }

  it('reads paths, literals and number arithmetic directly', () => {
    for (const expression of ['inputs.n', 'steps.prepare.output.n > 0', 'steps.prepare.output.n + 1', '"a"', '1']) {
      const direct = directEvaluator(jsonata(expression).ast());
      expect(direct?.(SCOPE)).not.toBe(MISS);
    }
  });

  it('leaves lists, text arithmetic, filters, functions and variables to JSONata', () => {
    expect(directEvaluator(jsonata('inputs.list').ast())?.(SCOPE)).toBe(MISS);
    expect(directEvaluator(jsonata('steps.many.output.v').ast())?.(SCOPE)).toBe(MISS);
    expect(directEvaluator(jsonata('inputs.name + 1').ast())?.(SCOPE)).toBe(MISS);
    expect(directEvaluator(jsonata('inputs.n / inputs.zero').ast())?.(SCOPE)).toBe(MISS);
    for (const expression of ['inputs.list[0]', '$count(inputs.list)', '$inputs.n', 'inputs.n & "x"', '-inputs.n']) {
      expect(directEvaluator(jsonata(expression).ast())).toBeUndefined();
    }
  });
});
