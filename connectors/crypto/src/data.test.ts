import { describe, expect, it } from 'vitest';
import { isEncoded, readData } from './data.js';

describe('readData', () => {
  it('reads text, base64 and hex', () => {
    expect(readData('héllo', 'utf8', 'data')).toEqual(Buffer.from('héllo'));
    expect(readData('aGk=', 'base64', 'data')).toEqual(Buffer.from('hi'));
    expect(readData('68 69', 'hex', 'data')).toEqual(Buffer.from('hi'));
  });

  it('refuses text that is not the encoding it claims, instead of reading part of it', () => {
    expect(() => readData('6g', 'hex', 'data', 'hash')).toThrow(
      expect.objectContaining({ kind: 'invalid_input', actionKey: 'hash' }),
    );
    expect(() => readData('a-b_', 'base64', 'ciphertext')).toThrow(/ciphertext is not valid base64/);
  });
});

describe('isEncoded', () => {
  it('knows hex, base64 and base64url apart', () => {
    expect(isEncoded('abc', 'hex')).toBe(false);
    expect(isEncoded('ab', 'hex')).toBe(true);
    expect(isEncoded('a+b/', 'base64')).toBe(true);
    expect(isEncoded('a+b/', 'base64url')).toBe(false);
    expect(isEncoded('a-b_', 'base64url')).toBe(true);
  });
});
