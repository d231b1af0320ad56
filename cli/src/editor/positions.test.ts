import { describe, expect, it } from 'vitest';
import { pointerPositions } from './positions.js';

const TEXT = `{
  "steps": [
    { "id": "a", "with": { "a/b": 1, "n": "x" } }
  ]
}`;

describe('pointerPositions', () => {
  const at = pointerPositions(TEXT);

  it('points at the key of a property, so "is not allowed here" marks the name', () => {
    expect(at('/steps/0/with/n')).toEqual({ line: 3, column: 38 });
  });

  it('reads escaped segments and array indexes', () => {
    expect(at('/steps/0/with/a~1b')).toEqual({ line: 3, column: 28 });
    expect(at('/steps/0')).toEqual({ line: 3, column: 5 });
  });

  it('falls back to the nearest value that exists (a missing required field marks its object)', () => {
    expect(at('/steps/0/with/title')).toEqual({ line: 3, column: 18 });
    expect(at('/steps/5')).toEqual({ line: 2, column: 3 });
    expect(at('')).toEqual({ line: 1, column: 1 });
  });

  it('survives text that is not JSON', () => {
    expect(pointerPositions('{ "a": ')('/a/b')).toEqual({ line: 1, column: 1 });
  });
});
