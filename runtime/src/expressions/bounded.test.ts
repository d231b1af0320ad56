import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { isBounded, scopeFor } from './bounded.js';

const bounded = (source: string) => isBounded(jsonata(source).ast());

describe('isBounded: which expressions may run on the runtime thread', () => {
  it.each([
    'inputs.repo',
    'steps.issue.output.number > 100',
    '$count(steps.each.output)',
    'inputs.list[v > 10 and name != "x"].name',
    '$inputs.flag ? "yes" : "no"',
    '-inputs.n * 2 + 1',
    '$string(inputs.n)',
    '$exists(env.REGION) and $uppercase(env.REGION) = "EU"',
    'item in inputs.allowed',
  ])('%s: yes', (source) => {
    expect(bounded(source)).toBe(true);
  });

  it.each([
    '$pad("", 1e8)',
    '$match(inputs.text, /(a+)+$/)',
    '$sort(inputs.list)',
    '$distinct(inputs.list)',
    '[1..10]',
    '"#" & inputs.n',
    '{"a": inputs.n}',
    '[inputs.a, inputs.b]',
    'inputs.list.{"id": id}',
    'inputs.list^(v)',
    '($x := 1; $x)',
    '$map(inputs.list, function($v) { $v })',
    'inputs.list#$i[$i > 1]',
    'inputs ~> $keys()',
    '$eval("1 + 1")',
    '$join(inputs.tags, ", ")',
    '**.name',
  ])('%s: no, it runs in a worker', (source) => {
    expect(bounded(source)).toBe(false);
  });
});

describe('scopeFor: what a worker is sent', () => {
  const scope = {
    inputs: { a: 1 },
    env: { X: 'x' },
    item: 'i',
    steps: { one: { output: 1 }, two: { output: 2 }, three: { output: 3 } },
  };
  const subset = (source: string) => scopeFor(jsonata(source).ast(), scope);

  it('only the roots and the steps the expression names', () => {
    expect(subset('$sort([steps.one.output, steps.two.output, inputs.a])')).toEqual({
      inputs: { a: 1 },
      steps: { one: { output: 1 }, two: { output: 2 } },
    });
    expect(subset('$pad($item, 3)')).toEqual({ item: 'i' });
  });

  it('every step when one is picked by a computed name, everything for the root', () => {
    expect(subset('$lookup(steps, inputs.a).output')).toMatchObject({ steps: scope.steps });
    expect(subset('steps.*.output ~> $sum()')).toMatchObject({ steps: scope.steps });
    expect(subset('$keys($$)')).toEqual(scope);
  });
});
