import { describe, expect, it } from 'vitest';
import { globToRegExp } from './paths.js';

describe('globToRegExp', () => {
  it('matches shell-style patterns on one name', () => {
    expect(globToRegExp('*.csv').test('orders.csv')).toBe(true);
    expect(globToRegExp('*.csv').test('orders.csv.tmp')).toBe(false);
    expect(globToRegExp('report-????.pdf').test('report-2025.pdf')).toBe(true);
    expect(globToRegExp('[ab]*.txt').test('b1.txt')).toBe(true);
    expect(globToRegExp('[!ab]*.txt').test('a1.txt')).toBe(false);
    expect(globToRegExp('a+b(1).txt').test('a+b(1).txt')).toBe(true);
  });
});
