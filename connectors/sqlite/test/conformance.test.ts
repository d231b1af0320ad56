import { join } from 'node:path';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shell, tempDir } from './helpers.js';

// Every action through the sandbox users run it in: a process sandbox (a connector that opens files
// never runs in a worker thread) that may open the connection's database file and its journal and
// nothing else, on real SQLite files that SQLite's own shell sets up and checks.
let sqlite: ConnectorUnderTest;
let dir: Awaited<ReturnType<typeof tempDir>>;
let filename: string;
let auth: { filename: string };
const stored = () => shell(filename, 'SELECT id, email, name, score, active, doc FROM customers ORDER BY id');

beforeAll(async () => {
  dir = await tempDir();
  filename = join(dir.dir, 'shop.db');
  auth = { filename };
  await shell(
    filename,
    `CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT,
       score REAL, active INTEGER NOT NULL DEFAULT 1, doc TEXT);
     CREATE VIEW active_customers AS SELECT * FROM customers WHERE active = 1;
     CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0));
     INSERT INTO accounts VALUES (1, 100), (2, 0);`,
  );
  sqlite = await loadConnector({ dir: new URL('..', import.meta.url) });
});

afterAll(async () => {
  await sqlite?.close();
  await dir?.remove();
});

describe('sqlite through the sandbox', () => {
  it('runs in a process sandbox, its manifest declaring the connection file', () => {
    expect(sqlite.isolation).toBe('process');
    expect(sqlite.manifest.fs).toEqual({
      connectionPaths: ['filename'],
      siblingSuffixes: ['-journal', '-wal', '-shm', '.lock'],
    });
  });

  it('rows.insert writes the rows, a missing column getting its DEFAULT, and returns them', async () => {
    const result = await sqlite.run(
      'rows.insert',
      {
        table: 'customers',
        rows: [
          { email: 'ada@example.com', name: 'Ada', score: 1.5, active: true, doc: { plan: 'pro' } },
          { email: 'bob@example.com', score: 3 },
          { email: 'cy@example.com', name: 'Cy', score: 2, active: false, doc: ['a'] },
        ],
        returning: ['*'],
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed', isolation: 'process' });
    const rows = await stored();
    expect(rows).toEqual([
      { id: 1, email: 'ada@example.com', name: 'Ada', score: 1.5, active: 1, doc: '{"plan":"pro"}' },
      { id: 2, email: 'bob@example.com', name: null, score: 3.0, active: 1, doc: null },
      { id: 3, email: 'cy@example.com', name: 'Cy', score: 2.0, active: 0, doc: '["a"]' },
    ]);
    expect(result.output).toEqual({ rowCount: 3, rows });
  });

  it('rows.insert upserts on a unique key, and skips with do: nothing', async () => {
    const updated = await sqlite.run(
      'rows.insert',
      {
        table: 'customers',
        rows: [{ email: 'bob@example.com', name: 'Bob' }],
        onConflict: { do: 'update', columns: ['email'] },
        returning: ['id', 'name'],
      },
      { auth },
    );
    expect(updated.output).toEqual({ rowCount: 1, rows: [{ id: 2, name: 'Bob' }] });
    const skipped = await sqlite.run(
      'rows.insert',
      { table: 'customers', rows: [{ email: 'ada@example.com', name: 'Not Ada' }], onConflict: { do: 'nothing' } },
      { auth },
    );
    expect(skipped.output).toEqual({ rowCount: 0, rows: [] });
    expect(await shell(filename, "SELECT name FROM customers WHERE email = 'ada@example.com'")).toEqual([
      { name: 'Ada' },
    ]);
  });

  it('rows.select reads them back filtered, sorted and paged', async () => {
    const all = await sqlite.run(
      'rows.select',
      { table: 'customers', orderBy: [{ column: 'id', direction: 'desc' }] },
      { auth },
    );
    expect(all.output).toEqual({ rows: (await stored()).reverse(), rowCount: 3 });
    const some = await sqlite.run(
      'rows.select',
      { table: 'CUSTOMERS', columns: ['email'], where: { doc: null }, limit: 1, offset: 0 },
      { auth },
    );
    expect(some.output).toEqual({ rows: [{ email: 'bob@example.com' }], rowCount: 1 });
  });

  it('rows.update changes the matching rows only, and refuses an unfiltered update', async () => {
    const result = await sqlite.run(
      'rows.update',
      { table: 'customers', set: { score: 4.25 }, where: { email: 'bob@example.com' }, returning: ['id', 'score'] },
      { auth },
    );
    expect(result.output).toEqual({ rowCount: 1, rows: [{ id: 2, score: 4.25 }] });
    expect(await shell(filename, 'SELECT id, score FROM customers ORDER BY id')).toEqual([
      { id: 1, score: 1.5 },
      { id: 2, score: 4.25 },
      { id: 3, score: 2.0 },
    ]);
    const refused = await sqlite.run('rows.update', { table: 'customers', set: { score: 0 } }, { auth });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(refused.error?.message).toMatch(/refusing to update every row/);
  });

  it('query runs one parameterised statement: rows, changes, the inserted rowid, big integers as text', async () => {
    const selected = await sqlite.run(
      'query',
      { sql: 'SELECT id, email FROM customers WHERE score > ? ORDER BY id', values: [2] },
      { auth },
    );
    expect(selected.output).toEqual({
      command: 'SELECT',
      rows: [{ id: 2, email: 'bob@example.com' }],
      changes: 0,
      lastInsertRowid: null,
    });
    const inserted = await sqlite.run(
      'query',
      { sql: 'INSERT INTO customers (email, score) VALUES (?, ?)', values: ['dee@example.com', 12.5] },
      { auth },
    );
    expect(inserted.output).toEqual({ command: 'INSERT', rows: [], changes: 1, lastInsertRowid: 4 });
    const big = await sqlite.run(
      'query',
      { sql: "SELECT 9007199254740993 AS big, x'0102ff' AS bytes, 'text' AS words", values: [] },
      { auth },
    );
    expect(big.output).toMatchObject({ rows: [{ big: '9007199254740993', bytes: 'AQL/', words: 'text' }] });
    const two = await sqlite.run('query', { sql: 'DELETE FROM customers; DROP TABLE customers', values: [] }, { auth });
    expect(two).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(await shell(filename, 'SELECT count(*) AS n FROM customers')).toEqual([{ n: 4 }]);
  });

  it('rows.delete removes the matching rows and refuses to empty the table unasked', async () => {
    const refused = await sqlite.run('rows.delete', { table: 'customers' }, { auth });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    const result = await sqlite.run(
      'rows.delete',
      { table: 'customers', where: { email: 'dee@example.com' }, returning: ['id'] },
      { auth },
    );
    expect(result.output).toEqual({ rowCount: 1, rows: [{ id: 4 }] });
    expect(await shell(filename, 'SELECT count(*) AS n FROM customers')).toEqual([{ n: 3 }]);
  });

  it('transaction commits every statement together', async () => {
    const result = await sqlite.run(
      'transaction',
      {
        statements: [
          { sql: 'UPDATE accounts SET balance = balance - ? WHERE id = ?', values: [40, 1] },
          { sql: 'UPDATE accounts SET balance = balance + ? WHERE id = ?', values: [40, 2] },
          { sql: 'SELECT id, balance FROM accounts ORDER BY id' },
        ],
      },
      { auth },
    );
    expect(result.output).toEqual({
      results: [
        { command: 'UPDATE', rows: [], changes: 1, lastInsertRowid: null },
        { command: 'UPDATE', rows: [], changes: 1, lastInsertRowid: null },
        {
          command: 'SELECT',
          rows: [
            { id: 1, balance: 60 },
            { id: 2, balance: 40 },
          ],
          changes: 0,
          lastInsertRowid: null,
        },
      ],
    });
  });

  it('transaction rolls back everything when one statement fails, naming it', async () => {
    const result = await sqlite.run(
      'transaction',
      {
        statements: [
          { sql: 'UPDATE accounts SET balance = balance + 1000 WHERE id = 2' },
          { sql: 'UPDATE accounts SET balance = balance - 1000 WHERE id = 1' },
        ],
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.message).toMatch(/rolled back: statement 1 failed: CHECK constraint failed/);
    expect(await shell(filename, 'SELECT balance FROM accounts ORDER BY id')).toEqual([
      { balance: 60 },
      { balance: 40 },
    ]);
    const commit = await sqlite.run(
      'transaction',
      { statements: [{ sql: 'DELETE FROM accounts' }, { sql: 'COMMIT' }] },
      { auth },
    );
    expect(commit).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(commit.error?.message).toMatch(/statement 1 is COMMIT/);
    expect(await shell(filename, 'SELECT count(*) AS n FROM accounts')).toEqual([{ n: 2 }]);
  });

  it("tables.list lists tables and views, leaving out SQLite's own", async () => {
    await shell(filename, 'CREATE TABLE IF NOT EXISTS counters (k TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID');
    const result = await sqlite.run('tables.list', {}, { auth });
    expect(result.output).toEqual({
      schema: 'main',
      tables: [
        { name: 'accounts', type: 'table' },
        { name: 'active_customers', type: 'view' },
        { name: 'counters', type: 'table' },
        { name: 'customers', type: 'table' },
      ],
    });
    const missing = await sqlite.run('tables.list', { schema: 'nope' }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it('tables.describe gives the columns in order with type, nullability, default and primary key', async () => {
    const result = await sqlite.run('tables.describe', { table: 'Customers' }, { auth });
    expect(result.output).toEqual({
      schema: 'main',
      table: 'customers',
      columns: [
        { name: 'id', type: 'INTEGER', nullable: false, default: null, primaryKey: true },
        { name: 'email', type: 'TEXT', nullable: false, default: null, primaryKey: false },
        { name: 'name', type: 'TEXT', nullable: true, default: null, primaryKey: false },
        { name: 'score', type: 'REAL', nullable: true, default: null, primaryKey: false },
        { name: 'active', type: 'INTEGER', nullable: false, default: '1', primaryKey: false },
        { name: 'doc', type: 'TEXT', nullable: true, default: null, primaryKey: false },
      ],
    });
    const missing = await sqlite.run('tables.describe', { table: 'nope' }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it("leaves a sound file behind, as SQLite's own integrity check says", async () => {
    expect(await shell(filename, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });
});
