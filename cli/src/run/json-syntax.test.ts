import { describe, expect, it } from 'vitest';
import { describeJsonError, jsonErrorOffset } from './json-syntax.js';

function located(text: string) {
  try {
    JSON.parse(text);
  } catch (error) {
    return describeJsonError(text, (error as Error).message);
  }
  throw new Error('the text parsed');
}

describe('describeJsonError', () => {
  it('points at a missing comma on the line after the value', () => {
    expect(located('{\n  "a": 1\n  "b": 2\n}')).toEqual({
      line: 3,
      column: 3,
      reason: "Expected ',' or '}' after property value",
    });
  });

  it('points at a bad token although the message gives no position', () => {
    expect(located('{"a": tru}')).toMatchObject({ line: 1, column: 10, reason: "Unexpected token '}'" });
  });

  it('points at the end of a text that stops early', () => {
    expect(located('{\n  "a": [1, 2')).toMatchObject({ line: 2, column: 13 });
    expect(located('')).toMatchObject({ line: 1, column: 1 });
  });

  it('points at text after the value', () => {
    expect(located('{}\n{}')).toMatchObject({ line: 2, column: 1 });
  });
});

describe('jsonErrorOffset', () => {
  it.for([
    ['"a\\x"', 3],
    ['"\\u12g4"', 5],
    ['[1,]', 3],
    ['{"a" 1}', 5],
    ['-', 1],
    ['1.e5', 2],
    ['2e+', 3],
    ['01', 1],
    ['"tab\there"', 4],
  ] as const)('%j fails at %i', ([text, offset]) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('gives the length for valid JSON, which has no error', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}}';
    expect(jsonErrorOffset(text)).toBe(text.length);
  });
});
