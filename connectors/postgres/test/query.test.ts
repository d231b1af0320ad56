import { ensureService, localServices, runAction } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

const table = uniqueName('mova_query');
const query = (sql: string, values?: unknown[]) =>
  runAction(connector, 'query', values ? { sql, values } : { sql }, { auth: connection });

beforeAll(async () => {
  await ensureService(localServices.postgres);
  await admin(`CREATE TABLE ${table} (
    id integer PRIMARY KEY, big bigint, amount numeric(10,2), born date, seen timestamptz,
    doc jsonb, tags text[], data bytea, days date[])`);
  await admin(
    `INSERT INTO ${table} VALUES (1, 9007199254740993, 12.5, '1990-05-17', '2024-03-01 10:20:30.123456+00',
      '{"a":[1,2]}', '{x,y}', '\\x0102', '{2024-01-01,2024-12-31}')`,
  );
});

afterAll(async () => {
  await admin(`DROP TABLE IF EXISTS ${table}`);
});

describe('query', () => {
  it('returns rows, the row count and named column types, keeping big numbers and dates exact', async () => {
    const out = await query(`SELECT * FROM ${table} WHERE id = $1`, [1]);
    expect(out).toMatchObject({ command: 'SELECT', rowCount: 1 });
    expect(out).toHaveProperty('rows', [
      {
        id: 1,
        big: '9007199254740993',
        amount: '12.50',
        born: '1990-05-17',
        seen: expect.stringMatching(/^2024-03-01 \d\d:20:30\.123456[+-]\d\d/),
        doc: { a: [1, 2] },
        tags: ['x', 'y'],
        data: '\\x0102',
        days: ['2024-01-01', '2024-12-31'],
      },
    ]);
    expect(out).toHaveProperty('fields', [
      { name: 'id', type: 'integer', typeId: 23 },
      { name: 'big', type: 'bigint', typeId: 20 },
      { name: 'amount', type: 'numeric', typeId: 1700 },
      { name: 'born', type: 'date', typeId: 1082 },
      { name: 'seen', type: 'timestamp with time zone', typeId: 1184 },
      { name: 'doc', type: 'jsonb', typeId: 3802 },
      { name: 'tags', type: 'text[]', typeId: 1009 },
      { name: 'data', type: 'bytea', typeId: 17 },
      { name: 'days', type: 'date[]', typeId: 1182 },
    ]);
  });

  it('names user-defined types too', async () => {
    const type = uniqueName('mova_mood');
    await admin(`CREATE TYPE ${type} AS ENUM ('happy', 'sad')`);
    try {
      const out = await query(`SELECT 'happy'::${type} AS mood`);
      expect(out).toMatchObject({ rows: [{ mood: 'happy' }], fields: [{ name: 'mood', type }] });
    } finally {
      await admin(`DROP TYPE ${type}`);
    }
  });

  it('keeps an SQL injection attempt as plain data', async () => {
    const evil = `'; DROP TABLE ${table}; --`;
    await expect(query('SELECT $1::text AS v', [evil])).resolves.toMatchObject({ rows: [{ v: evil }] });
    await query(`INSERT INTO ${table} (id, tags) VALUES ($1, $2)`, [2, [evil]]);
    const stored = await admin(`SELECT tags FROM ${table} WHERE id = 2`);
    expect(stored.rows[0].tags).toEqual([evil]);
  });

  it('refuses a second statement hidden in the text', async () => {
    await expect(query(`SELECT 1; DROP TABLE ${table}`)).rejects.toMatchObject({
      kind: 'invalid_input',
      sqlState: '42601',
      actionKey: 'query',
    });
    await expect(admin(`SELECT count(*) FROM ${table}`)).resolves.toBeTruthy();
  });

  it('reports a null row count and no fields for DDL', async () => {
    const temp = uniqueName('mova_ddl');
    try {
      await expect(query(`CREATE TABLE ${temp} (x int)`)).resolves.toEqual({
        command: 'CREATE',
        rowCount: null,
        rows: [],
        fields: [],
      });
    } finally {
      await admin(`DROP TABLE IF EXISTS ${temp}`);
    }
  });

  it('turns a missing table into not_found with the server message and SQLSTATE', async () => {
    const error = await query(`SELECT * FROM ${table}_missing`).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'E_CONNECTOR',
      kind: 'not_found',
      sqlState: '42P01',
      actionKey: 'query',
      vendorMessage: `relation "${table}_missing" does not exist`,
    });
    expect(String(error)).toContain('SQLSTATE 42P01');
  });

  it('turns a syntax error and a bad value into invalid_input', async () => {
    await expect(query('SELEC 1')).rejects.toMatchObject({ kind: 'invalid_input', sqlState: '42601' });
    await expect(query('SELECT $1::int', ['not a number'])).rejects.toMatchObject({
      kind: 'invalid_input',
      sqlState: '22P02',
    });
  });
});
