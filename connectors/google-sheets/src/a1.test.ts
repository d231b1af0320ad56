import { describe, expect, it } from 'vitest';
import { columnLetter, quoteSheet, rowSpanOf, rowsRange, sheetRange } from './a1.js';

describe('A1 notation', () => {
  it('quotes sheet names, doubling quotes inside', () => {
    expect(quoteSheet('Sheet1')).toBe("'Sheet1'");
    expect(quoteSheet("Bob's list")).toBe("'Bob''s list'");
    expect(rowsRange('Orders 2024', 2, 101)).toBe("'Orders 2024'!2:101");
    expect(rowsRange('Orders', 1)).toBe("'Orders'!1:1");
    expect(sheetRange('Orders', 'A2:D')).toBe("'Orders'!A2:D");
    expect(sheetRange('Orders')).toBe("'Orders'");
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('names column %i %s', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
  });

  it('reads the rows of a returned range', () => {
    expect(rowSpanOf("'Bob''s list'!A5:C6")).toEqual({ first: 5, last: 6 });
    expect(rowSpanOf('Sheet1!A7:Z7')).toEqual({ first: 7, last: 7 });
    expect(rowSpanOf('Sheet1!B3')).toEqual({ first: 3, last: 3 });
    expect(rowSpanOf('Sheet1!A:C')).toBeUndefined();
    expect(rowSpanOf(undefined)).toBeUndefined();
  });
});
