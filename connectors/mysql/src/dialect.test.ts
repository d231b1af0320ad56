import { describe, expect, it } from 'vitest';
import { InputProblem } from './errors.js';
import { columnList, guardAllRows, Parameters, quoteTable, splitTableName, whereClause } from './sql.js';

describe('quoteTable', () => {
  it('quotes each part, doubling backticks inside names', () => {
    expect(quoteTable('orders')).toBe('`orders`');
    expect(quoteTable('Shop.Orders')).toBe('`Shop`.`Orders`');
    expect(quoteTable('x`; DROP TABLE y; --')).toBe('`x``; DROP TABLE y; --`');
  });

  it('splits database from table and refuses anything else', () => {
    expect(splitTableName('t')).toEqual({ database: null, table: 't' });
    expect(splitTableName('d.t')).toEqual({ database: 'd', table: 't' });
    for (const name of ['a.b.c', '.a', 'a.']) expect(() => quoteTable(name)).toThrow(InputProblem);
  });
});

describe('statement pieces', () => {
  it('puts filter values in parameters, never in the text', () => {
    const params = new Parameters();
    const text = whereClause({ email: "x' OR 1=1 --", deleted_at: null, n: 3 }, params);
    expect(text).toBe(' WHERE `email` = ? AND `deleted_at` IS NULL AND `n` = ?');
    expect(params.values).toEqual(["x' OR 1=1 --", 3]);
    expect(whereClause(undefined, params)).toBe('');
  });

  it('lists columns, * when none', () => {
    expect(columnList(['a', 'B c'])).toBe('`a`, `B c`');
    expect(columnList(undefined)).toBe('*');
  });

  it('guards against touching every row by accident', () => {
    expect(() => guardAllRows(undefined, false, 'delete')).toThrow(/refusing to delete every row/);
    expect(() => guardAllRows({}, false, 'update')).toThrow(InputProblem);
    expect(() => guardAllRows({}, true, 'update')).not.toThrow();
    expect(() => guardAllRows({ id: 1 }, false, 'delete')).not.toThrow();
  });
});
