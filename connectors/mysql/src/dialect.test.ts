import * as sql from '@mova/sdk/sql';
import { describe, expect, it } from 'vitest';
import { mysql } from './dialect.js';

describe('quoteTable', () => {
  it('quotes each part, doubling backticks inside names', () => {
    expect(sql.quoteTable(mysql, 'orders')).toBe('`orders`');
    expect(sql.quoteTable(mysql, 'Shop.Orders')).toBe('`Shop`.`Orders`');
    expect(sql.quoteTable(mysql, 'x`; DROP TABLE y; --')).toBe('`x``; DROP TABLE y; --`');
  });

  it('splits database from table and refuses anything else', () => {
    expect(sql.splitTableName(mysql, 't')).toEqual({ schema: null, table: 't' });
    expect(sql.splitTableName(mysql, 'd.t')).toEqual({ schema: 'd', table: 't' });
    for (const name of ['a.b.c', '.a', 'a.']) expect(() => sql.quoteTable(mysql, name)).toThrow(sql.InputProblem);
  });
});

describe('statement pieces', () => {
  it('puts filter values in parameters, never in the text', () => {
    const params = new sql.Parameters(mysql);
    const text = sql.whereClause(mysql, { email: "x' OR 1=1 --", deleted_at: null, n: 3 }, params);
    expect(text).toBe(' WHERE `email` = ? AND `deleted_at` IS NULL AND `n` = ?');
    expect(params.values).toEqual(["x' OR 1=1 --", 3]);
    expect(sql.whereClause(mysql, undefined, params)).toBe('');
  });

  it('lists columns, * when none', () => {
    expect(sql.columnList(mysql, ['a', 'B c'])).toBe('`a`, `B c`');
    expect(sql.columnList(mysql, undefined)).toBe('*');
  });

  it('upserts with ON DUPLICATE KEY UPDATE, "nothing" as a no-op assignment', () => {
    const insert = (onConflict: sql.InsertOptions['onConflict']) =>
      sql.insertStatements(mysql, { table: 't', rows: [{ email: 'a', name: 'A' }], onConflict })[0]?.text;
    expect(insert({ do: 'nothing' })).toBe(
      'INSERT INTO `t` (`email`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `email` = `email`',
    );
    expect(insert({ do: 'update', update: ['name'] })).toBe(
      'INSERT INTO `t` (`email`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)',
    );
  });

  it('has no RETURNING', () => {
    expect(() => sql.insertStatements(mysql, { table: 't', rows: [{ a: 1 }], returning: ['a'] })).toThrow(
      sql.InputProblem,
    );
  });
});
