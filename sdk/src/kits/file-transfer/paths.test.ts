import { describe, expect, it } from 'vitest';
import { childPath, globToRegExp, nameOf, parentOf } from './paths.js';

describe('globToRegExp', () => {
  it('matches shell-style patterns on one name', () => {
    expect(globToRegExp('*.csv').test('orders.csv')).toBe(true);
    expect(globToRegExp('*.csv').test('orders.csv.tmp')).toBe(false);
    expect(globToRegExp('*.csv').test('in/orders.csv')).toBe(false);
    expect(globToRegExp('report-????.pdf').test('report-2025.pdf')).toBe(true);
    expect(globToRegExp('[ab]*.txt').test('b1.txt')).toBe(true);
    expect(globToRegExp('[!ab]*.txt').test('a1.txt')).toBe(false);
    expect(globToRegExp('a+b(1).txt').test('a+b(1).txt')).toBe(true);
    expect(globToRegExp('x[1.txt').test('x[1.txt')).toBe(true);
  });
});

describe('paths', () => {
  it('joins and splits POSIX paths the way a server reads them', () => {
    expect(childPath('/outbox/', 'a.csv')).toBe('/outbox/a.csv');
    expect(childPath('.', 'a.csv')).toBe('a.csv');
    expect(childPath('/outbox', '../a.csv')).toBe('/a.csv');
    expect(parentOf('/outbox/a.csv')).toBe('/outbox');
    expect(parentOf('/a.csv')).toBe('/');
    expect(nameOf('/outbox/a.csv')).toBe('a.csv');
  });
});
