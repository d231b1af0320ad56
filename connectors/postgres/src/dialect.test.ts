import { describe, expect, it } from 'vitest';
import { InputProblem } from './errors.js';
import { columnList, guardAllRows, Parameters, quoteTable, returningClause, whereClause } from './sql.js';

describe('quoteTable', () => {
  it('quotes each part, doubling quotes inside names', () => {
    expect(quoteTable('orders')).toBe('"orders"');
    expect(quoteTable('Sales.Orders')).toBe('"Sales"."Orders"');
    expect(quoteTable('x"; DROP TABLE y; --')).toBe('"x""; DROP TABLE y; --"');
  });

  it('refuses empty parts and more than schema.table', () => {
    for (const name of ['a.b.c', '.a', 'a.', '']) expect(() => quoteTable(name)).toThrow(InputProblem);
  });
});

describe('statement pieces', () => {
  it('puts filter values in parameters, never in the text', () => {
    const params = new Parameters();
    params.add('first');
    const text = whereClause({ email: "x' OR 1=1 --", deleted_at: null, n: 3 }, params);
    expect(text).toBe(' WHERE "email" = $2 AND "deleted_at" IS NULL AND "n" = $3');
    expect(params.values).toEqual(['first', "x' OR 1=1 --", 3]);
    expect(whereClause({}, params)).toBe('');
  });

  it('lists columns, * when none, and RETURNING * for ["*"]', () => {
    expect(columnList(['a', 'B c'])).toBe('"a", "B c"');
    expect(columnList(undefined)).toBe('*');
    expect(returningClause(['*'])).toBe(' RETURNING *');
    expect(returningClause(['id'])).toBe(' RETURNING "id"');
    expect(returningClause(undefined)).toBe('');
  });

  it('guards against touching every row by accident', () => {
    expect(() => guardAllRows(undefined, false, 'delete')).toThrow(/refusing to delete every row/);
    expect(() => guardAllRows({}, false, 'update')).toThrow(InputProblem);
    expect(() => guardAllRows({}, true, 'update')).not.toThrow();
    expect(() => guardAllRows({ id: 1 }, false, 'delete')).not.toThrow();
  });
});
