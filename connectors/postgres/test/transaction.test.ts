import { ensureService, localServices, runAction } from '@mova/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PostgresError } from '../src/errors.js';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

const table = uniqueName('mova_tx');
const role = uniqueName('mova_role');
const transaction = (statements: { sql: string; values?: unknown[] }[]) =>
  runAction(connector, 'transaction', { statements }, { auth: connection });
const balances = async () => (await admin(`SELECT id, balance FROM ${table} ORDER BY id`)).rows;

beforeAll(async () => {
  await ensureService(localServices.postgres);
  await admin(`CREATE TABLE ${table} (id integer PRIMARY KEY, balance integer NOT NULL CHECK (balance >= 0))`);
  // A role with no rights on the table, to provoke a real permission error.
  await admin(`CREATE ROLE ${role} NOLOGIN`);
});

afterAll(async () => {
  await admin(`DROP TABLE IF EXISTS ${table}`);
  await admin(`DROP ROLE IF EXISTS ${role}`);
});

beforeEach(async () => {
  await admin(`TRUNCATE ${table}`);
  await admin(`INSERT INTO ${table} VALUES (1, 100), (2, 0)`);
});

describe('transaction', () => {
  it('runs every statement and returns one result each', async () => {
    await expect(
      transaction([
        { sql: `UPDATE ${table} SET balance = balance - $1 WHERE id = $2`, values: [40, 1] },
        { sql: `UPDATE ${table} SET balance = balance + $1 WHERE id = $2`, values: [40, 2] },
        { sql: `SELECT sum(balance)::int AS total FROM ${table}` },
      ]),
    ).resolves.toEqual({
      results: [
        { command: 'UPDATE', rowCount: 1, rows: [] },
        { command: 'UPDATE', rowCount: 1, rows: [] },
        { command: 'SELECT', rowCount: 1, rows: [{ total: 100 }] },
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
      { sql: `INSERT INTO ${table} VALUES ($1, $2)`, values: [3, 5] },
      { sql: `INSERT INTO ${table} VALUES ($1, $2)`, values: [2, 5] },
      { sql: `UPDATE ${table} SET balance = 1 WHERE id = 2` },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgresError);
    expect(error).toMatchObject({
      kind: 'conflict',
      sqlState: '23505',
      statementIndex: 2,
      actionKey: 'transaction',
      message: expect.stringMatching(/^transaction rolled back: statement 2 failed: duplicate key/),
    });
    expect((error as PostgresError).toJSON()).toMatchObject({ statementIndex: 2, sqlState: '23505', kind: 'conflict' });
    expect(await balances()).toEqual([
      { id: 1, balance: 100 },
      { id: 2, balance: 0 },
    ]);
  });

  it('classifies a CHECK violation as invalid_input', async () => {
    await expect(
      transaction([
        { sql: `UPDATE ${table} SET balance = balance + 10 WHERE id = 2` },
        { sql: `UPDATE ${table} SET balance = balance - $1 WHERE id = $2`, values: [500, 1] },
      ]),
    ).rejects.toMatchObject({ kind: 'invalid_input', sqlState: '23514', statementIndex: 1 });
    expect(await balances()).toEqual([
      { id: 1, balance: 100 },
      { id: 2, balance: 0 },
    ]);
  });

  it('classifies a permission error as auth', async () => {
    await expect(
      transaction([{ sql: `SET LOCAL ROLE ${role}` }, { sql: `DELETE FROM ${table}` }]),
    ).rejects.toMatchObject({ kind: 'auth', sqlState: '42501', statementIndex: 1 });
    expect(await balances()).toHaveLength(2);
  });

  it('keeps injection attempts in values as data', async () => {
    const evil = `1; DROP TABLE ${table}; --`;
    await expect(transaction([{ sql: 'SELECT $1::text AS v', values: [evil] }])).resolves.toEqual({
      results: [{ command: 'SELECT', rowCount: 1, rows: [{ v: evil }] }],
    });
    expect(await balances()).toHaveLength(2);
  });
});
