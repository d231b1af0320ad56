import { describe, expect, it } from 'vitest';
import { bindValue, jsonRow } from './values.js';

describe('values', () => {
  it('binds JSON values as SQLite stores them', () => {
    expect([null, undefined, 1.5, 'x', true].map(bindValue)).toEqual([null, null, 1.5, 'x', true]);
    expect(bindValue({ plan: 'pro' })).toBe('{"plan":"pro"}');
    expect(bindValue([1, 'a'])).toBe('[1,"a"]');
  });

  it('turns rows into plain JSON: big integers as text, BLOBs as base64', () => {
    expect(
      jsonRow({ small: 42n, big: 9007199254740993n, negative: -9007199254740993n, blob: new Uint8Array([1, 2, 255]) }),
    ).toEqual({ small: 42, big: '9007199254740993', negative: '-9007199254740993', blob: 'AQL/' });
  });
});
