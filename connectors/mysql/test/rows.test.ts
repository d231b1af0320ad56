import { ensureService, localServices, runAction } from '@mova/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

const table = uniqueName('mova_rows');
const wide = uniqueName('mova_wide');
const database = uniqueName('mova_db');
// A table whose name needs quoting: mixed case, a space and backticks.
const oddTable = 'Odd `Name`';
const evil = `'; DROP TABLE ${table}; --`;
const run = (key: string, input: unknown) => runAction(connector, key, input, { auth: connection });
const count = async (where = '') => (await admin(`SELECT count(*) AS n FROM ${table} ${where}`))[0]?.n;
const wideRows = () =>
  Array.from({ length: 10_000 }, (_, i) => ({ c1: i, c2: i, c3: i, c4: i, c5: i, c6: i, c7: i, c8: i }));

beforeAll(async () => {
  await ensureService(localServices.mariadb);
  await admin(`CREATE TABLE ${table} (
    id int PRIMARY KEY AUTO_INCREMENT, email varchar(100) NOT NULL UNIQUE, name varchar(100),
    score int NOT NULL DEFAULT 7)`);
  await admin(`CREATE TABLE ${wide} (c1 int UNIQUE, c2 int, c3 int, c4 int, c5 int, c6 int, c7 int, c8 int)`);
  await admin(`CREATE DATABASE ${database}`);
  await admin(`CREATE TABLE ${database}.\`Odd \`\`Name\`\`\` (k varchar(10) PRIMARY KEY, v int)`);
});

afterAll(async () => {
  await admin(`DROP TABLE IF EXISTS ${table}, ${wide}`);
  await admin(`DROP DATABASE IF EXISTS ${database}`);
});

beforeEach(async () => {
  await admin(`TRUNCATE ${table}`);
  await admin(`TRUNCATE ${wide}`);
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
  it('inserts rows, fills DEFAULT for missing columns and reports the first insert id', async () => {
    await expect(
      run('rows.insert', { table, rows: [{ email: 'ada@example.com', name: 'Ada' }, { email: 'bob@example.com' }] }),
    ).resolves.toEqual({ affectedRows: 2, insertId: 1 });
    expect(await admin(`SELECT id, email, name, score FROM ${table} ORDER BY id`)).toEqual([
      { id: 1, email: 'ada@example.com', name: 'Ada', score: 7 },
      { id: 2, email: 'bob@example.com', name: null, score: 7 },
    ]);
  });

  it('stores an SQL injection attempt as data', async () => {
    await run('rows.insert', { table, rows: [{ email: evil, name: evil }] });
    expect(await admin(`SELECT email, name FROM ${table}`)).toEqual([{ email: evil, name: evil }]);
  });

  it('reports a duplicate key as a conflict', async () => {
    await seed();
    await expect(run('rows.insert', { table, rows: [{ email: 'ada@example.com' }] })).rejects.toMatchObject({
      kind: 'conflict',
      errorCode: 'ER_DUP_ENTRY',
      errno: 1062,
      actionKey: 'rows.insert',
      message: expect.stringContaining("Duplicate entry 'ada@example.com'"),
    });
  });

  it('keeps existing rows with do: nothing', async () => {
    await seed();
    await expect(
      run('rows.insert', {
        table,
        rows: [{ email: 'ada@example.com', name: 'Changed' }, { email: 'new@example.com' }],
        onConflict: { do: 'nothing' },
      }),
    ).resolves.toMatchObject({ affectedRows: 1 });
    expect(await admin(`SELECT name FROM ${table} WHERE email = 'ada@example.com'`)).toEqual([{ name: 'Ada' }]);
    expect(await count()).toBe(4);
  });

  it('upserts with do: update, every inserted column by default', async () => {
    await seed();
    await expect(
      run('rows.insert', {
        table,
        rows: [
          { email: 'ada@example.com', name: 'Ada L.', score: 99 },
          { email: 'dee@example.com', name: 'Dee', score: 1 },
        ],
        onConflict: { do: 'update' },
      }),
    ).resolves.toMatchObject({ affectedRows: 3 });
    expect(
      await admin(
        `SELECT email, name, score FROM ${table} WHERE email IN ('ada@example.com', 'dee@example.com') ORDER BY email`,
      ),
    ).toEqual([
      { email: 'ada@example.com', name: 'Ada L.', score: 99 },
      { email: 'dee@example.com', name: 'Dee', score: 1 },
    ]);
  });

  it('upserts only the listed columns with onConflict.update', async () => {
    await seed();
    await run('rows.insert', {
      table,
      rows: [{ email: 'ada@example.com', name: 'Ignored', score: 50 }],
      onConflict: { do: 'update', update: ['score'] },
    });
    expect(await admin(`SELECT name, score FROM ${table} WHERE email = 'ada@example.com'`)).toEqual([
      { name: 'Ada', score: 50 },
    ]);
  });

  it('splits more values than one statement can carry into batches of one transaction', async () => {
    // 8 columns x 10 000 rows = 80 000 parameters, over the protocol's 65 535.
    await expect(run('rows.insert', { table: wide, rows: wideRows() })).resolves.toEqual({
      affectedRows: 10_000,
      insertId: 0,
    });
    expect(await admin(`SELECT count(*) AS n, max(c8) AS top FROM ${wide}`)).toEqual([{ n: 10_000, top: 9_999 }]);
  });

  it('rolls back earlier batches when a later one fails', async () => {
    await admin(`INSERT INTO ${wide} (c1) VALUES (9999)`);
    await expect(run('rows.insert', { table: wide, rows: wideRows() })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await admin(`SELECT count(*) AS n FROM ${wide}`)).toEqual([{ n: 1 }]);
  });

  it('reaches a table in another database whose name needs quoting', async () => {
    await expect(run('rows.insert', { table: `${database}.${oddTable}`, rows: [{ k: 'a', v: 1 }] })).resolves.toEqual({
      affectedRows: 1,
      insertId: 0,
    });
    await expect(run('rows.select', { table: `${database}.${oddTable}` })).resolves.toEqual({
      rows: [{ k: 'a', v: 1 }],
      rowCount: 1,
    });
  });
});

describe('rows.update', () => {
  beforeEach(seed);

  it('sets columns on the matching rows, counting matched and changed rows', async () => {
    await expect(
      run('rows.update', { table, set: { score: 42, name: evil }, where: { email: 'cy@example.com' } }),
    ).resolves.toEqual({ matchedRows: 1, affectedRows: 1 });
    expect(await admin(`SELECT name, score FROM ${table} WHERE email = 'cy@example.com'`)).toEqual([
      { name: evil, score: 42 },
    ]);
    await expect(
      run('rows.update', { table, set: { score: 42 }, where: { email: 'cy@example.com' } }),
    ).resolves.toEqual({ matchedRows: 1, affectedRows: 0 });
  });
});

describe('rows.delete', () => {
  beforeEach(seed);

  it('deletes the matching rows', async () => {
    await expect(run('rows.delete', { table, where: { name: null } })).resolves.toEqual({ affectedRows: 1 });
    expect(await count()).toBe(2);
  });
});
