import { ensureService, localServices, runAction } from '@mova/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

const table = uniqueName('mova_rows');
const wide = uniqueName('mova_wide');
const wideRows = () =>
  Array.from({ length: 10_000 }, (_, i) => ({ c1: i, c2: i, c3: i, c4: i, c5: i, c6: i, c7: i, c8: i }));
const schema = uniqueName('mova_schema');
// A table whose name needs quoting: mixed case, a space and a double quote.
const oddTable = 'Odd "Name"';
const evil = `'; DROP TABLE ${table}; --`;
const run = (key: string, input: unknown) => runAction(connector, key, input, { auth: connection });

beforeAll(async () => {
  await ensureService(localServices.postgres);
  await admin(`CREATE TABLE ${table} (
    id serial PRIMARY KEY, email text UNIQUE NOT NULL, name text, score integer NOT NULL DEFAULT 7)`);
  await admin(`CREATE TABLE ${wide} (c1 int UNIQUE, c2 int, c3 int, c4 int, c5 int, c6 int, c7 int, c8 int)`);
  await admin(`CREATE SCHEMA ${schema}`);
  await admin(`CREATE TABLE ${schema}."Odd ""Name""" (k text PRIMARY KEY, v integer)`);
});

afterAll(async () => {
  await admin(`DROP TABLE IF EXISTS ${table}, ${wide}`);
  await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

beforeEach(async () => {
  await admin(`TRUNCATE ${table}, ${wide} RESTART IDENTITY`);
});

const seed = () =>
  run('rows.insert', {
    table,
    rows: [
      { email: 'ada@example.com', name: 'Ada', score: 10 },
      { email: 'bob@example.com', name: null, score: 3 },
      { email: 'cy@example.com', name: 'Cy', score: 5 },
    ],
  });

describe('rows.insert', () => {
  it('inserts rows, fills DEFAULT for missing columns and returns what was asked', async () => {
    const out = await run('rows.insert', {
      table,
      rows: [{ email: 'ada@example.com', name: 'Ada' }, { email: 'bob@example.com' }],
      returning: ['id', 'email', 'name', 'score'],
    });
    expect(out).toEqual({
      rowCount: 2,
      rows: [
        { id: 1, email: 'ada@example.com', name: 'Ada', score: 7 },
        { id: 2, email: 'bob@example.com', name: null, score: 7 },
      ],
    });
  });

  it('returns no rows without `returning`, and ["*"] returns every column', async () => {
    await expect(run('rows.insert', { table, rows: [{ email: 'a@x' }] })).resolves.toEqual({ rowCount: 1, rows: [] });
    await expect(run('rows.insert', { table, rows: [{ email: 'b@x' }], returning: ['*'] })).resolves.toEqual({
      rowCount: 1,
      rows: [{ id: 2, email: 'b@x', name: null, score: 7 }],
    });
  });

  it('stores an SQL injection attempt as data', async () => {
    await run('rows.insert', { table, rows: [{ email: evil, name: evil }] });
    const { rows } = await admin(`SELECT email, name FROM ${table}`);
    expect(rows).toEqual([{ email: evil, name: evil }]);
  });

  it('reports a duplicate key as a conflict', async () => {
    await seed();
    await expect(run('rows.insert', { table, rows: [{ email: 'ada@example.com' }] })).rejects.toMatchObject({
      kind: 'conflict',
      sqlState: '23505',
      actionKey: 'rows.insert',
      message: expect.stringContaining('Key (email)=(ada@example.com) already exists'),
    });
  });

  it('skips rows that hit a unique key with do: nothing', async () => {
    await seed();
    const out = await run('rows.insert', {
      table,
      rows: [{ email: 'ada@example.com', name: 'Changed' }, { email: 'new@example.com' }],
      onConflict: { do: 'nothing', columns: ['email'] },
      returning: ['email'],
    });
    expect(out).toEqual({ rowCount: 1, rows: [{ email: 'new@example.com' }] });
    const { rows } = await admin(`SELECT name FROM ${table} WHERE email = 'ada@example.com'`);
    expect(rows).toEqual([{ name: 'Ada' }]);
  });

  it('upserts with do: update, overwriting every inserted column outside the target by default', async () => {
    await seed();
    const out = await run('rows.insert', {
      table,
      rows: [
        { email: 'ada@example.com', name: 'Ada L.', score: 99 },
        { email: 'dee@example.com', name: 'Dee', score: 1 },
      ],
      onConflict: { do: 'update', columns: ['email'] },
      returning: ['id', 'name', 'score'],
    });
    expect(out).toEqual({
      rowCount: 2,
      rows: [
        { id: 1, name: 'Ada L.', score: 99 },
        { id: expect.any(Number), name: 'Dee', score: 1 },
      ],
    });
  });

  it('upserts only the listed columns with onConflict.update', async () => {
    await seed();
    await run('rows.insert', {
      table,
      rows: [{ email: 'ada@example.com', name: 'Ignored', score: 50 }],
      onConflict: { do: 'update', columns: ['email'], update: ['score'] },
    });
    const { rows } = await admin(`SELECT name, score FROM ${table} WHERE email = 'ada@example.com'`);
    expect(rows).toEqual([{ name: 'Ada', score: 50 }]);
  });

  it('refuses an upsert that would update nothing, before connecting', async () => {
    await expect(
      runAction(
        connector,
        'rows.insert',
        { table, rows: [{ email: 'x@y' }], onConflict: { do: 'update', columns: ['email'] } },
        // A closed port: the refusal must come before any connection attempt.
        { auth: { ...connection, port: 1 } },
      ),
    ).rejects.toMatchObject({
      kind: 'invalid_input',
      actionKey: 'rows.insert',
      message: expect.stringContaining('refused'),
    });
  });

  it('splits more values than one statement can carry into batches of one transaction', async () => {
    // 8 columns x 10 000 rows = 80 000 parameters, over the protocol's 65 535.
    await expect(run('rows.insert', { table: wide, rows: wideRows() })).resolves.toEqual({
      rowCount: 10_000,
      rows: [],
    });
    const { rows } = await admin(`SELECT count(*)::int AS n, max(c8) AS top FROM ${wide}`);
    expect(rows).toEqual([{ n: 10_000, top: 9_999 }]);
  });

  it('rolls back earlier batches when a later one fails', async () => {
    await admin(`INSERT INTO ${wide} (c1) VALUES (9999)`);
    await expect(run('rows.insert', { table: wide, rows: wideRows() })).rejects.toMatchObject({ kind: 'conflict' });
    const { rows } = await admin(`SELECT count(*)::int AS n FROM ${wide}`);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('reaches a schema-qualified table whose name needs quoting', async () => {
    await expect(
      run('rows.insert', { table: `${schema}.${oddTable}`, rows: [{ k: 'a', v: 1 }], returning: ['*'] }),
    ).resolves.toEqual({ rowCount: 1, rows: [{ k: 'a', v: 1 }] });
  });
});

describe('rows.update', () => {
  beforeEach(seed);

  it('sets columns on the matching rows and returns them', async () => {
    await expect(
      run('rows.update', {
        table,
        set: { score: 42, name: evil },
        where: { email: 'cy@example.com' },
        returning: ['email', 'score', 'name'],
      }),
    ).resolves.toEqual({ rowCount: 1, rows: [{ email: 'cy@example.com', score: 42, name: evil }] });
    expect((await admin(`SELECT count(*)::int AS n FROM ${table} WHERE score = 42`)).rows).toEqual([{ n: 1 }]);
  });
});

describe('rows.delete', () => {
  beforeEach(seed);

  it('deletes the matching rows and returns them', async () => {
    await expect(run('rows.delete', { table, where: { name: null }, returning: ['email'] })).resolves.toEqual({
      rowCount: 1,
      rows: [{ email: 'bob@example.com' }],
    });
    expect((await admin(`SELECT count(*)::int AS n FROM ${table}`)).rows).toEqual([{ n: 2 }]);
  });
});
