import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { ensureService, localServices } from '@mova/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { admin, connection, uniqueName } from './helpers.js';

// Every action through the sandbox users run it in (a worker thread whose egress reaches only the
// host the connection names), against the machine's real MariaDB. The connection's `host` and
// `connectionString` are in network.connectionHosts, so no extra host is allowed here.
const table = uniqueName('mova_conformance');
const auth = connection;
const stored = () => admin(`SELECT id, email, name, score, doc FROM ${table} ORDER BY id`);

let mysql: ConnectorUnderTest;

beforeAll(async () => {
  await ensureService(localServices.mariadb);
  await admin(`CREATE TABLE ${table} (
    id int PRIMARY KEY AUTO_INCREMENT, email varchar(100) NOT NULL UNIQUE, name varchar(100), score double, doc json)`);
  mysql = await loadConnector({ dir: new URL('..', import.meta.url) });
});

afterAll(async () => {
  await admin(`DROP TABLE IF EXISTS ${table}`);
  await mysql?.close();
});

describe('mysql through the sandbox', () => {
  it('rows.insert writes the rows and reports the first generated id', async () => {
    const result = await mysql.run(
      'rows.insert',
      {
        table,
        rows: [
          { email: 'ada@example.com', name: 'Ada', score: 1.5, doc: { plan: 'pro', tags: ['a'] } },
          { email: 'bob@example.com', score: 3 },
        ],
      },
      { auth },
    );
    expect(result).toMatchObject({
      status: 'completed',
      isolation: 'worker',
      output: { affectedRows: 2, insertId: 1 },
    });
    expect(await stored()).toEqual([
      { id: 1, email: 'ada@example.com', name: 'Ada', score: 1.5, doc: { plan: 'pro', tags: ['a'] } },
      { id: 2, email: 'bob@example.com', name: null, score: 3, doc: null },
    ]);
  });

  it('rows.select reads them back filtered, sorted and paged', async () => {
    const all = await mysql.run('rows.select', { table, orderBy: [{ column: 'id', direction: 'desc' }] }, { auth });
    expect(all).toMatchObject({ status: 'completed' });
    expect(all.output).toEqual({ rows: (await stored()).reverse(), rowCount: 2 });
    const some = await mysql.run(
      'rows.select',
      { table, columns: ['email'], where: { name: null }, limit: 1 },
      { auth },
    );
    expect(some.output).toEqual({ rows: [{ email: 'bob@example.com' }], rowCount: 1 });
  });

  it('rows.update changes the matching rows only', async () => {
    const result = await mysql.run(
      'rows.update',
      { table, set: { name: 'Bob', score: 4.25 }, where: { email: 'bob@example.com' } },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed', output: { matchedRows: 1, affectedRows: 1 } });
    expect(await stored()).toMatchObject([
      { id: 1, name: 'Ada', score: 1.5 },
      { id: 2, name: 'Bob', score: 4.25 },
    ]);
  });

  it('query runs one parameterised statement and names the column types', async () => {
    const result = await mysql.run(
      'query',
      { sql: `SELECT id, email, score FROM ${table} WHERE score > ? ORDER BY id`, values: [2] },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed' });
    expect(result.output).toEqual({
      rows: [{ id: 2, email: 'bob@example.com', score: 4.25 }],
      rowCount: 1,
      fields: [
        { name: 'id', type: 'int', typeId: 3 },
        { name: 'email', type: 'varchar', typeId: 253 },
        { name: 'score', type: 'double', typeId: 5 },
      ],
    });
  });

  it('transaction commits every statement together', async () => {
    const result = await mysql.run(
      'transaction',
      {
        statements: [
          { sql: `UPDATE ${table} SET score = score + ? WHERE id = ?`, values: [1, 1] },
          { sql: `INSERT INTO ${table} (email) VALUES (?)`, values: ['cy@example.com'] },
          { sql: `SELECT count(*) AS n FROM ${table}` },
        ],
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed' });
    expect(result.output).toEqual({
      results: [
        { rows: [], affectedRows: 1, insertId: 0 },
        { rows: [], affectedRows: 1, insertId: 3 },
        // COUNT(*) is a BIGINT, which comes back as a string.
        { rows: [{ n: '3' }] },
      ],
    });
    expect(await stored()).toMatchObject([
      { id: 1, score: 2.5 },
      { id: 2, score: 4.25 },
      { id: 3, email: 'cy@example.com' },
    ]);
  });

  it('rows.delete removes the matching rows', async () => {
    const result = await mysql.run('rows.delete', { table, where: { email: 'cy@example.com' } }, { auth });
    expect(result).toMatchObject({ status: 'completed', output: { affectedRows: 1 } });
    expect((await stored()).map((r) => r.id)).toEqual([1, 2]);
  });

  it('tables.list lists the table as information_schema has it', async () => {
    const result = await mysql.run('tables.list', { database: 'test' }, { auth });
    expect(result).toMatchObject({ status: 'completed', output: { database: 'test' } });
    const listed = await admin('SELECT TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_NAME = ?', [
      table,
    ]);
    expect(listed).toEqual([{ type: 'BASE TABLE' }]);
    expect((result.output as { tables: unknown[] }).tables).toContainEqual({ name: table, type: 'table' });
  });

  it('tables.describe describes the columns, reached through a connection string', async () => {
    const result = await mysql.run(
      'tables.describe',
      { table },
      { auth: { connectionString: 'mysql://root@127.0.0.1:3306/test?ssl-mode=DISABLED' } },
    );
    expect(result).toMatchObject({ status: 'completed' });
    const column = { nullable: true, default: null, primaryKey: false, autoIncrement: false };
    expect(result.output).toEqual({
      database: 'test',
      table,
      columns: [
        { name: 'id', type: 'int(11)', nullable: false, default: null, primaryKey: true, autoIncrement: true },
        { ...column, name: 'email', type: 'varchar(100)', nullable: false },
        { ...column, name: 'name', type: 'varchar(100)' },
        { ...column, name: 'score', type: 'double' },
        // MariaDB's JSON is LONGTEXT with a JSON_VALID check.
        { ...column, name: 'doc', type: 'longtext' },
      ],
    });
  });
});

describe('mysql failures through the sandbox', () => {
  it('a missing table is not_found', async () => {
    await expect(mysql.run('rows.select', { table: `${table}_missing` }, { auth })).resolves.toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', message: expect.stringContaining('ER_NO_SUCH_TABLE 1146') },
    });
  });

  it('a duplicate key is a conflict, and nothing is written', async () => {
    await expect(
      mysql.run('rows.insert', { table, rows: [{ email: 'ada@example.com' }] }, { auth }),
    ).resolves.toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', message: expect.stringContaining('ER_DUP_ENTRY 1062') },
    });
    expect(await stored()).toHaveLength(2);
  });

  it('a syntax error is invalid_input', async () => {
    await expect(mysql.run('query', { sql: 'SELEC 1' }, { auth })).resolves.toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('ER_PARSE_ERROR 1064') },
    });
  });

  it('a wrong password is auth', async () => {
    await expect(mysql.run('tables.list', {}, { auth: { ...auth, password: 'wrong' } })).resolves.toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('ER_ACCESS_DENIED_ERROR 1045') },
    });
  });
});

describe('fixed bugs, through the sandbox', () => {
  const strict = uniqueName('mova_strict');
  const ledger = uniqueName('mova_ledger');
  const created = uniqueName('mova_created');
  const procedure = uniqueName('mova_ddl_proc');
  const ids = async () => (await admin(`SELECT id FROM ${ledger} ORDER BY id`)).map((r) => r.id);
  const exists = async (name: string) =>
    (await admin('SELECT 1 FROM information_schema.TABLES WHERE TABLE_NAME = ?', [name])).length > 0;

  beforeAll(async () => {
    await admin(
      `CREATE TABLE ${strict} (id int PRIMARY KEY, code varchar(10) NOT NULL, n int CHECK (n >= 0)) ENGINE=InnoDB`,
    );
    await admin(`CREATE TABLE ${ledger} (id int PRIMARY KEY) ENGINE=InnoDB`);
    // A procedure that runs DDL, which commits the caller's transaction implicitly, then a row.
    await admin(
      `CREATE PROCEDURE ${procedure}(IN next int) BEGIN CREATE TABLE IF NOT EXISTS ${created} (x int); INSERT INTO ${ledger} VALUES (next); END`,
    );
  });
  beforeEach(async () => {
    await admin(`DELETE FROM ${ledger}`);
    await admin(`DROP TABLE IF EXISTS ${created}`);
  });
  afterAll(async () => {
    await admin(`DROP TABLE IF EXISTS ${strict}, ${ledger}, ${created}`);
    await admin(`DROP PROCEDURE IF EXISTS ${procedure}`);
  });

  // Error 1364 carries SQLSTATE HY000 and was classified unknown.
  it('a NOT NULL column without default left out is invalid_input', async () => {
    await expect(mysql.run('rows.insert', { table: strict, rows: [{ id: 1 }] }, { auth })).resolves.toMatchObject({
      status: 'failed',
      error: {
        kind: 'invalid_input',
        message: expect.stringContaining('ER_NO_DEFAULT_FOR_FIELD 1364, SQLSTATE HY000'),
      },
    });
  });

  // mysql2 names errors after MySQL's list: MariaDB's 4025 came out as
  // ER_INNODB_AUTOEXTEND_SIZE_OUT_OF_RANGE and 4078 as ER_REGEXP_MISSING_FILE (and unknown).
  it('names MariaDB errors as MariaDB does', async () => {
    const check = await mysql.run('rows.insert', { table: strict, rows: [{ id: 1, code: 'a', n: -1 }] }, { auth });
    expect(check).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('(ER_CONSTRAINT_FAILED 4025, SQLSTATE 23000)') },
    });
    const types = await mysql.run('query', { sql: 'SELECT 1 = POINT(1, 1) AS odd' }, { auth });
    expect(types).toMatchObject({
      status: 'failed',
      error: {
        kind: 'invalid_input',
        message: expect.stringContaining('(ER_ILLEGAL_PARAMETER_DATA_TYPES2_FOR_OPERATION 4078, SQLSTATE HY000)'),
      },
    });
  });

  // COMMIT used to commit the statements before it, and DDL committed implicitly; a later failure
  // then claimed "rolled back".
  it.each([
    ['COMMIT', 'COMMIT'],
    ['ROLLBACK', 'ROLLBACK'],
    ['START TRANSACTION', 'START TRANSACTION'],
    ['SET autocommit = 1', 'SET autocommit'],
    [`CREATE TABLE ${created} (x int)`, 'CREATE'],
    [`/*!40000 TRUNCATE TABLE ${strict} */`, 'TRUNCATE'],
  ])('refuses %s in a transaction before anything runs', async (sql, command) => {
    const result = await mysql.run(
      'transaction',
      {
        statements: [
          { sql: `INSERT INTO ${ledger} VALUES (?)`, values: [1] },
          { sql },
          { sql: `INSERT INTO ${ledger} VALUES (?)`, values: [1] },
        ],
      },
      { auth },
    );
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining(`statement 1 is ${command}, `) },
    });
    expect(result.error?.message).toContain('nothing was run');
    expect(await ids()).toEqual([]);
    expect(await exists(created)).toBe(false);
  });

  it('allows temporary tables and savepoints, which do not end the transaction', async () => {
    const result = await mysql.run(
      'transaction',
      {
        statements: [
          { sql: `CREATE TEMPORARY TABLE ${created} (x int)` },
          { sql: `INSERT INTO ${created} VALUES (?), (?)`, values: [5, 6] },
          { sql: 'SAVEPOINT before_six' },
          { sql: `INSERT INTO ${ledger} SELECT x FROM ${created}` },
          { sql: 'ROLLBACK TO SAVEPOINT before_six' },
          { sql: `INSERT INTO ${ledger} SELECT x FROM ${created} WHERE x = ?`, values: [5] },
          { sql: `DROP TEMPORARY TABLE ${created}` },
        ],
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed' });
    expect(await ids()).toEqual([5]);
  });

  it('stops and says so when a procedure commits the transaction implicitly', async () => {
    const result = await mysql.run(
      'transaction',
      {
        statements: [
          { sql: `INSERT INTO ${ledger} VALUES (?)`, values: [1] },
          { sql: `CALL ${procedure}(?)`, values: [2] },
          { sql: `INSERT INTO ${ledger} VALUES (?)`, values: [3] },
        ],
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.message).toContain(
      'ended early: statement 1 ended the transaction (it committed implicitly, or ran COMMIT or ROLLBACK), so statements 0 to 1 did not run as one transaction and are not rolled back; statements 2 to 2 were not run',
    );
    // What the message says: statements 0 and 1 took effect, 2 never ran.
    expect(await ids()).toEqual([1, 2]);
    expect(await exists(created)).toBe(true);
  });

  it('does not claim a rollback when the failing statement had committed implicitly first', async () => {
    await admin(`INSERT INTO ${ledger} VALUES (2)`);
    const result = await mysql.run(
      'transaction',
      {
        statements: [
          { sql: `INSERT INTO ${ledger} VALUES (?)`, values: [1] },
          // The DDL commits statement 0, then the procedure's insert hits the existing row 2.
          { sql: `CALL ${procedure}(?)`, values: [2] },
        ],
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'conflict' } });
    expect(result.error?.message).toContain('transaction not rolled back: statement 1 ended the transaction');
    expect(result.error?.message).not.toMatch(/transaction rolled back/);
    expect(await ids()).toEqual([1, 2]);
  });
});
