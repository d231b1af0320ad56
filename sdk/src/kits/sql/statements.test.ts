import { describe, expect, it } from 'vitest';
import { ansi } from '../../../test/ansi-dialect.js';
import type { SqlDialect } from './dialect.js';
import { InputProblem } from './errors.js';
import {
  deleteStatement,
  guardAllRows,
  insertStatements,
  Parameters,
  returningClause,
  selectStatement,
  updateStatement,
  whereClause,
} from './statements.js';

const question: SqlDialect = { ...ansi, placeholder: () => '?', returningClause: undefined };

describe('statement pieces', () => {
  it('puts filter values in parameters, never in the text; null matches NULL', () => {
    const params = new Parameters(ansi);
    params.add('first');
    const text = whereClause(ansi, { email: "x' OR 1=1 --", deleted_at: null, n: 3 }, params);
    expect(text).toBe(' WHERE "email" = $2 AND "deleted_at" IS NULL AND "n" = $3');
    expect(params.values).toEqual(['first', "x' OR 1=1 --", 3]);
    expect(whereClause(ansi, {}, params)).toBe('');
    expect(whereClause(question, { a: 1 }, new Parameters(question))).toBe(' WHERE "a" = ?');
  });

  it('returns every column for ["*"], and refuses RETURNING where the dialect has none', () => {
    expect(returningClause(ansi, ['*'])).toBe(' RETURNING *');
    expect(returningClause(ansi, ['id'])).toBe(' RETURNING "id"');
    expect(returningClause(ansi, undefined)).toBe('');
    expect(() => returningClause(question, ['id'])).toThrow(InputProblem);
    expect(returningClause(question, undefined)).toBe('');
  });

  it('guards against touching every row by accident', () => {
    expect(() => guardAllRows(undefined, false, 'delete')).toThrow(/refusing to delete every row/);
    expect(() => guardAllRows({}, false, 'update')).toThrow(InputProblem);
    expect(() => guardAllRows({}, true, 'update')).not.toThrow();
    expect(() => guardAllRows({ id: 1 }, false, 'delete')).not.toThrow();
  });
});

describe('statements', () => {
  it('selects filtered, sorted and paged', () => {
    expect(
      selectStatement(ansi, {
        table: 'sales.orders',
        columns: ['id', 'total'],
        where: { customer_id: 42, status: null },
        orderBy: [{ column: 'created_at', direction: 'desc' }, { column: 'id' }],
        limit: 10,
        offset: 20,
      }),
    ).toEqual({
      text: 'SELECT "id", "total" FROM "sales"."orders" WHERE "customer_id" = $1 AND "status" IS NULL ORDER BY "created_at" DESC, "id" ASC LIMIT $2 OFFSET $3',
      values: [42, 10, 20],
    });
    expect(selectStatement(ansi, { table: 't', limit: 5 })).toEqual({
      text: 'SELECT * FROM "t" LIMIT $1',
      values: [5],
    });
  });

  it('lets a dialect page its own way', () => {
    const fetch: SqlDialect = {
      ...ansi,
      pageClause: (limit, offset, ordered) =>
        `${ordered ? '' : ' ORDER BY (SELECT NULL)'} OFFSET ${offset ?? 0} ROWS FETCH NEXT ${limit} ROWS ONLY`,
    };
    expect(selectStatement(fetch, { table: 't', limit: 5, offset: 1 }).text).toBe(
      'SELECT * FROM "t" ORDER BY (SELECT NULL) OFFSET $2 ROWS FETCH NEXT $1 ROWS ONLY',
    );
  });

  it('updates only with a filter or allRows, binding each value for its column', () => {
    const bind = (column: string, value: unknown) => (column === 'doc' ? JSON.stringify(value) : value);
    expect(
      updateStatement(
        ansi,
        { table: 'orders', set: { status: 'closed', doc: ['a'] }, where: { id: 7 }, allRows: false, returning: ['id'] },
        bind,
      ),
    ).toEqual({
      text: 'UPDATE "orders" SET "status" = $1, "doc" = $2 WHERE "id" = $3 RETURNING "id"',
      values: ['closed', '["a"]', 7],
    });
    expect(() => updateStatement(ansi, { table: 'orders', set: { a: 1 }, allRows: false })).toThrow(/every row/);
    expect(updateStatement(ansi, { table: 'orders', set: { a: 1 }, allRows: true }).text).toBe(
      'UPDATE "orders" SET "a" = $1',
    );
  });

  it('deletes only with a filter or allRows', () => {
    expect(deleteStatement(ansi, { table: 'sessions', where: { token: 'c0ffee' }, allRows: false })).toEqual({
      text: 'DELETE FROM "sessions" WHERE "token" = $1',
      values: ['c0ffee'],
    });
    expect(() => deleteStatement(ansi, { table: 'sessions', where: {}, allRows: false })).toThrow(InputProblem);
  });

  it('inserts the union of columns, DEFAULT where a row has none, in batches under the parameter limit', () => {
    const statements = insertStatements(ansi, {
      table: 't',
      rows: [{ a: 1, b: 2 }, { a: 3 }, { b: 4 }, { a: 5, b: 6 }],
      onConflict: { do: 'update' },
      returning: ['*'],
    });
    // Six parameters at most: three rows of two columns each, then the rest.
    expect(statements).toEqual([
      {
        text: 'INSERT INTO "t" ("a", "b") VALUES ($1, $2), ($3, DEFAULT), (DEFAULT, $4) ON CONFLICT DO UPDATE SET "a" = EXCLUDED."a", "b" = EXCLUDED."b" RETURNING *',
        values: [1, 2, 3, 4],
      },
      {
        text: 'INSERT INTO "t" ("a", "b") VALUES ($1, $2) ON CONFLICT DO UPDATE SET "a" = EXCLUDED."a", "b" = EXCLUDED."b" RETURNING *',
        values: [5, 6],
      },
    ]);
  });
});
