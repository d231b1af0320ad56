import { describe, expect, it } from 'vitest';
import { ansi } from '../../../test/ansi-dialect.js';
import { InputProblem } from './errors.js';
import { columnList, quoteTable, quoteWith, splitTableName } from './identifiers.js';

describe('identifiers', () => {
  it('quotes by doubling the mark inside a name', () => {
    expect(quoteWith('"')('x"; DROP TABLE y; --')).toBe('"x""; DROP TABLE y; --"');
    expect(quoteWith('`')('a`b')).toBe('`a``b`');
  });

  it('quotes each part of a table name, keeping case', () => {
    expect(quoteTable(ansi, 'orders')).toBe('"orders"');
    expect(quoteTable(ansi, 'Sales.Orders')).toBe('"Sales"."Orders"');
  });

  it('splits a qualifier from the table and refuses anything else', () => {
    expect(splitTableName(ansi, 't')).toEqual({ schema: null, table: 't' });
    expect(splitTableName(ansi, 's.t')).toEqual({ schema: 's', table: 't' });
    for (const name of ['a.b.c', '.a', 'a.', '']) expect(() => quoteTable(ansi, name)).toThrow(InputProblem);
    expect(() => splitTableName(ansi, 'a.b.c')).toThrow(
      expect.objectContaining({ hint: expect.stringContaining('"schema.table"') }),
    );
  });

  it('lists columns, * when none', () => {
    expect(columnList(ansi, ['a', 'B c'])).toBe('"a", "B c"');
    expect(columnList(ansi, undefined)).toBe('*');
    expect(columnList(ansi, [])).toBe('*');
  });
});
