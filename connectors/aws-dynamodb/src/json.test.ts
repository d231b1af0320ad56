import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { itemJson, toJson } from './json.js';

describe('toJson', () => {
  it('keeps numbers exact: numbers while they round-trip, decimal strings past that', () => {
    expect(toJson(NumberValue.from('42'))).toBe(42);
    expect(toJson(NumberValue.from('42.50'))).toBe(42.5);
    expect(toJson(NumberValue.from('-0.125'))).toBe(-0.125);
    expect(toJson(NumberValue.from('9007199254740993'))).toBe('9007199254740993');
    expect(toJson(NumberValue.from('12345678901234567890.5'))).toBe('12345678901234567890.5');
    expect(toJson(NumberValue.from('0.1000000000000000000000001'))).toBe('0.1000000000000000000000001');
  });

  it('turns sets into arrays, binary into base64, and walks maps and lists', () => {
    expect(
      itemJson({
        tags: new Set(['a', 'b']),
        scores: new Set([NumberValue.from('1'), NumberValue.from('2')]),
        blob: new Uint8Array([1, 2, 3]),
        nested: { list: [NumberValue.from('3'), null, true], empty: {} },
      }),
    ).toEqual({ tags: ['a', 'b'], scores: [1, 2], blob: 'AQID', nested: { list: [3, null, true], empty: {} } });
    expect(itemJson(undefined)).toBeNull();
  });
});
