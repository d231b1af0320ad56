import { describe, expect, it } from 'vitest';
import { castCell } from './cast.js';

const all = { numbers: true, booleans: true, emptyAsNull: true };
const none = { numbers: false, booleans: false, emptyAsNull: false };

describe('castCell', () => {
  it('reads plain decimal numbers', () => {
    expect(castCell('42', false, all)).toBe(42);
    expect(castCell('-3.25', false, all)).toBe(-3.25);
    expect(castCell('0', false, all)).toBe(0);
    expect(castCell('0.5', false, all)).toBe(0.5);
    expect(castCell('1e3', false, all)).toBe(1000);
  });

  it('keeps text that only looks numeric', () => {
    for (const text of ['007', '00501', '+1', '1,000', '0x1F', ' 1', '1.', '.5', 'NaN', 'Infinity', '1_000']) {
      expect(castCell(text, false, all)).toBe(text);
    }
  });

  it('keeps integers past 2^53 as text, so no digit is lost', () => {
    expect(castCell('9007199254740993', false, all)).toBe('9007199254740993');
    expect(castCell('9007199254740991', false, all)).toBe(9007199254740991);
  });

  it('reads true and false in any case', () => {
    expect(castCell('TRUE', false, all)).toBe(true);
    expect(castCell('false', false, all)).toBe(false);
    expect(castCell('yes', false, all)).toBe('yes');
  });

  it('makes an unquoted empty field null and keeps a quoted one empty', () => {
    expect(castCell('', false, all)).toBeNull();
    expect(castCell('', true, all)).toBe('');
    expect(castCell('', false, none)).toBe('');
  });

  it('leaves everything as text when no cast is asked for', () => {
    expect(castCell('42', false, none)).toBe('42');
    expect(castCell('true', false, none)).toBe('true');
  });
});
