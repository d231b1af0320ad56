import { ensureService, localServices, runAction } from '@mova/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MySqlError } from '../src/errors.js';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

const table = uniqueName('mova_tx');
// A user allowed to read the table and nothing else, to provoke a real permission error.
const reader = uniqueName('mova_reader');
const transaction = (statements: { sql: string; values?: unknown[] }[], auth: object = connection) =>
  runAction(connector, 'transaction', { statements }, { auth });
const balances = () => admin(`SELECT id, balance FROM ${table} ORDER BY id`);

beforeAll(async () => {
  await ensureService(localServices.mariadb);
  await admin(`CREATE TABLE ${table} (id int PRIMARY KEY, balance int NOT NULL CHECK (balance >= 0)) ENGINE=InnoDB`);
  await admin(`CREATE USER '${reader}'@'127.0.0.1'`);
  await admin(`GRANT SELECT ON test.${table} TO '${reader}'@'127.0.0.1'`);
});

afterAll(async () => {
  await admin(`DROP TABLE IF EXISTS ${table}`);
  await admin(`DROP USER IF EXISTS '${reader}'@'127.0.0.1'`);
});

beforeEach(async () => {
  await admin(`TRUNCATE ${table}`);
  await admin(`INSERT INTO ${table} VALUES (1, 100), (2, 0)`);
});

describe('transaction', () => {
  it('runs every statement and returns one result each', async () => {
    await expect(
      transaction([
        { sql: `UPDATE ${table} SET balance = balance - ? WHERE id = ?`, values: [40, 1] },
        { sql: `UPDATE ${table} SET balance = balance + ? WHERE id = ?`, values: [40, 2] },
        { sql: `SELECT CAST(sum(balance) AS SIGNED) AS total FROM ${table}` },
      ]),
    ).resolves.toEqual({
      results: [
        { rows: [], affectedRows: 1, insertId: 0 },
        { rows: [], affectedRows: 1, insertId: 0 },
        { rows: [{ total: '100' }] },
      ],
    });
    expect(await balances()).toEqual([
      { id: 1, balance: 60 },
      { id: 2, balance: 40 },
    ]);
  });

  it('rolls everything back and names the failing statement by index', async () => {
    const error = await transaction([
      { sql: `UPDATE ${table} SET balance = 0 WHERE id = 1` },
      { sql: `INSERT INTO ${table} VALUES (?, ?)`, values: [3, 5] },
      { sql: `INSERT INTO ${table} VALUES (?, ?)`, values: [2, 5] },
      { sql: `UPDATE ${table} SET balance = 1 WHERE id = 2` },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MySqlError);
    expect(error).toMatchObject({
      kind: 'conflict',
      errorCode: 'ER_DUP_ENTRY',
      statementIndex: 2,
      actionKey: 'transaction',
      message: expect.stringMatching(/^transaction rolled back: statement 2 failed: Duplicate entry/),
    });
    expect((error as MySqlError).toJSON()).toMatchObject({ statementIndex: 2, errno: 1062, kind: 'conflict' });
    expect(await balances()).toEqual([
      { id: 1, balance: 100 },
      { id: 2, balance: 0 },
    ]);
  });

  it('classifies a CHECK violation as invalid_input', async () => {
    await expect(
      transaction([
        { sql: `UPDATE ${table} SET balance = balance + 10 WHERE id = 2` },
        { sql: `UPDATE ${table} SET balance = balance - ? WHERE id = ?`, values: [500, 1] },
      ]),
    ).rejects.toMatchObject({ kind: 'invalid_input', sqlState: '23000', statementIndex: 1 });
    expect(await balances()).toEqual([
      { id: 1, balance: 100 },
      { id: 2, balance: 0 },
    ]);
  });

  it('classifies a permission error as auth', async () => {
    await expect(
      transaction([{ sql: `SELECT count(*) AS n FROM ${table}` }, { sql: `DELETE FROM ${table}` }], {
        ...connection,
        user: reader,
      }),
    ).rejects.toMatchObject({ kind: 'auth', errorCode: 'ER_TABLEACCESS_DENIED_ERROR', statementIndex: 1 });
    expect(await balances()).toHaveLength(2);
  });

  it('keeps injection attempts in values as data', async () => {
    const evil = `1; DROP TABLE ${table}; --`;
    await expect(transaction([{ sql: 'SELECT ? AS v', values: [evil] }])).resolves.toEqual({
      results: [{ rows: [{ v: evil }] }],
    });
    expect(await balances()).toHaveLength(2);
  });
});
