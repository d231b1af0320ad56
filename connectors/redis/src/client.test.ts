import { describe, expect, it } from 'vitest';
import { exactInteger } from './client.js';

describe('exactInteger', () => {
  it('keeps integers inside ±(2^53 - 1) as numbers', () => {
    expect(exactInteger('42')).toBe(42);
    expect(exactInteger('-8')).toBe(-8);
    expect(exactInteger(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(exactInteger(String(Number.MIN_SAFE_INTEGER))).toBe(Number.MIN_SAFE_INTEGER);
  });

  it('keeps every digit of integers beyond that as strings', () => {
    expect(exactInteger('9007199254740992')).toBe('9007199254740992');
    expect(exactInteger('9007199254740993')).toBe('9007199254740993');
    expect(exactInteger('-9223372036854775808')).toBe('-9223372036854775808');
  });
});
