import * as sql from '@mova/sdk/sql';
import { describe, expect, it } from 'vitest';
import { postgres } from './dialect.js';

describe('quoteTable', () => {
  it('quotes each part, doubling quotes inside names', () => {
    expect(sql.quoteTable(postgres, 'orders')).toBe('"orders"');
    expect(sql.quoteTable(postgres, 'Sales.Orders')).toBe('"Sales"."Orders"');
    expect(sql.quoteTable(postgres, 'x"; DROP TABLE y; --')).toBe('"x""; DROP TABLE y; --"');
  });

  it('refuses empty parts and more than schema.table', () => {
    for (const name of ['a.b.c', '.a', 'a.', ''])
      expect(() => sql.quoteTable(postgres, name)).toThrow(sql.InputProblem);
  });
});

describe('statement pieces', () => {
  it('puts filter values in parameters, never in the text', () => {
    const params = new sql.Parameters(postgres);
    params.add('first');
    const text = sql.whereClause(postgres, { email: "x' OR 1=1 --", deleted_at: null, n: 3 }, params);
    expect(text).toBe(' WHERE "email" = $2 AND "deleted_at" IS NULL AND "n" = $3');
    expect(params.values).toEqual(['first', "x' OR 1=1 --", 3]);
    expect(sql.whereClause(postgres, {}, params)).toBe('');
  });

  it('lists columns, * when none, and RETURNING * for ["*"]', () => {
    expect(sql.columnList(postgres, ['a', 'B c'])).toBe('"a", "B c"');
    expect(sql.columnList(postgres, undefined)).toBe('*');
    expect(sql.returningClause(postgres, ['*'])).toBe(' RETURNING *');
    expect(sql.returningClause(postgres, ['id'])).toBe(' RETURNING "id"');
    expect(sql.returningClause(postgres, undefined)).toBe('');
  });

  it('upserts with ON CONFLICT: a target, EXCLUDED values, never an empty SET', () => {
    const insert = (onConflict: sql.InsertOptions['onConflict']) =>
      sql.insertStatements(postgres, { table: 't', rows: [{ email: 'a', name: 'A' }], onConflict })[0]?.text;
    expect(insert({ do: 'nothing' })).toBe('INSERT INTO "t" ("email", "name") VALUES ($1, $2) ON CONFLICT DO NOTHING');
    expect(insert({ do: 'update', columns: ['email'] })).toBe(
      'INSERT INTO "t" ("email", "name") VALUES ($1, $2) ON CONFLICT ("email") DO UPDATE SET "name" = EXCLUDED."name"',
    );
    expect(() => insert({ do: 'update', columns: ['email', 'name'] })).toThrow(/no columns to update/);
  });
});
