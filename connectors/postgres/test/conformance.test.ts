import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { ensureService, localServices } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, connection, uniqueName } from './helpers.js';

// Every action through the sandbox users run it in (a worker thread whose egress reaches only the
// host the connection names), against the machine's real PostgreSQL. The connection's `host` and
// `connectionString` are in network.connectionHosts, so no extra host is allowed here.
const table = uniqueName('mova_conformance');
const auth = connection;
const stored = async (where = '') =>
  (await admin(`SELECT id, email, name, score, doc, tags FROM ${table} ${where} ORDER BY id`)).rows;

let postgres: ConnectorUnderTest;

beforeAll(async () => {
  await ensureService(localServices.postgres);
  await admin(`CREATE TABLE ${table} (
    id serial PRIMARY KEY, email text UNIQUE NOT NULL, name text, score double precision, doc jsonb, tags text[])`);
  postgres = await loadConnector({ dir: new URL('..', import.meta.url) });
});

afterAll(async () => {
  await admin(`DROP TABLE IF EXISTS ${table}`);
  await postgres?.close();
});

describe('postgres through the sandbox', () => {
  it('rows.insert writes the rows and returns what the table now holds', async () => {
    const result = await postgres.run(
      'rows.insert',
      {
        table,
        rows: [
          { email: 'ada@example.com', name: 'Ada', score: 1.5, doc: { plan: 'pro' }, tags: ['a', 'b'] },
          { email: 'bob@example.com', score: 3 },
        ],
        returning: ['*'],
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed', isolation: 'worker' });
    expect(result.output).toEqual({ rowCount: 2, rows: await stored() });
    expect(await stored()).toEqual([
      { id: 1, email: 'ada@example.com', name: 'Ada', score: 1.5, doc: { plan: 'pro' }, tags: ['a', 'b'] },
      { id: 2, email: 'bob@example.com', name: null, score: 3, doc: null, tags: null },
    ]);
  });

  it('rows.select reads them back filtered, sorted and paged', async () => {
    const all = await postgres.run('rows.select', { table, orderBy: [{ column: 'id', direction: 'desc' }] }, { auth });
    expect(all).toMatchObject({ status: 'completed' });
    expect(all.output).toEqual({ rows: (await stored()).reverse(), rowCount: 2 });
    const some = await postgres.run(
      'rows.select',
      { table, columns: ['email'], where: { name: null }, limit: 1, offset: 0 },
      { auth },
    );
    expect(some.output).toEqual({ rows: [{ email: 'bob@example.com' }], rowCount: 1 });
  });

  it('rows.update changes the matching rows only', async () => {
    const result = await postgres.run(
      'rows.update',
      { table, set: { name: 'Bob', score: 4.25 }, where: { email: 'bob@example.com' }, returning: ['id', 'name'] },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed', output: { rowCount: 1, rows: [{ id: 2, name: 'Bob' }] } });
    expect(await stored()).toMatchObject([
      { id: 1, name: 'Ada', score: 1.5 },
      { id: 2, name: 'Bob', score: 4.25 },
    ]);
  });

  it('query runs one parameterised statement and names the column types', async () => {
    const result = await postgres.run(
      'query',
      { sql: `SELECT id, email, score FROM ${table} WHERE score > $1 ORDER BY id`, values: [2] },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed' });
    expect(result.output).toEqual({
      command: 'SELECT',
      rowCount: 1,
      rows: [{ id: 2, email: 'bob@example.com', score: 4.25 }],
      fields: [
        { name: 'id', type: 'integer', typeId: 23 },
        { name: 'email', type: 'text', typeId: 25 },
        { name: 'score', type: 'double precision', typeId: 701 },
      ],
    });
  });

  it('transaction commits every statement together', async () => {
    const result = await postgres.run(
      'transaction',
      {
        statements: [
          { sql: `UPDATE ${table} SET score = score + $1 WHERE id = $2`, values: [1, 1] },
          { sql: `INSERT INTO ${table} (email) VALUES ($1) RETURNING id`, values: ['cy@example.com'] },
        ],
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed' });
    expect(result.output).toEqual({
      results: [
        { command: 'UPDATE', rowCount: 1, rows: [] },
        { command: 'INSERT', rowCount: 1, rows: [{ id: 3 }] },
      ],
    });
    expect(await stored()).toMatchObject([
      { id: 1, score: 2.5 },
      { id: 2, score: 4.25 },
      { id: 3, email: 'cy@example.com' },
    ]);
  });

  it('rows.delete removes the matching rows and returns them', async () => {
    const result = await postgres.run(
      'rows.delete',
      { table, where: { email: 'cy@example.com' }, returning: ['id'] },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed', output: { rowCount: 1, rows: [{ id: 3 }] } });
    expect((await stored()).map((r) => r.id)).toEqual([1, 2]);
  });

  it('tables.list lists the table as the catalog has it', async () => {
    const result = await postgres.run('tables.list', { schema: 'public' }, { auth });
    expect(result).toMatchObject({ status: 'completed', output: { schema: 'public' } });
    const { rows } = await admin(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename = $1",
      [table],
    );
    expect(rows).toHaveLength(1);
    expect((result.output as { tables: unknown[] }).tables).toContainEqual({ name: table, type: 'table' });
  });

  it('tables.describe describes the columns, reached through a connection string', async () => {
    const result = await postgres.run(
      'tables.describe',
      { table },
      { auth: { connectionString: 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable' } },
    );
    expect(result).toMatchObject({ status: 'completed' });
    expect(result.output).toEqual({
      schema: 'public',
      table,
      columns: [
        {
          name: 'id',
          type: 'integer',
          nullable: false,
          default: `nextval('${table}_id_seq'::regclass)`,
          primaryKey: true,
        },
        { name: 'email', type: 'text', nullable: false, default: null, primaryKey: false },
        { name: 'name', type: 'text', nullable: true, default: null, primaryKey: false },
        { name: 'score', type: 'double precision', nullable: true, default: null, primaryKey: false },
        { name: 'doc', type: 'jsonb', nullable: true, default: null, primaryKey: false },
        { name: 'tags', type: 'text[]', nullable: true, default: null, primaryKey: false },
      ],
    });
  });
});

describe('postgres failures through the sandbox', () => {
  it('a missing table is not_found', async () => {
    await expect(postgres.run('rows.select', { table: `${table}_missing` }, { auth })).resolves.toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', message: expect.stringContaining('SQLSTATE 42P01') },
    });
  });

  it('a duplicate key is a conflict, and nothing is written', async () => {
    await expect(
      postgres.run('rows.insert', { table, rows: [{ email: 'ada@example.com' }] }, { auth }),
    ).resolves.toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', message: expect.stringContaining('23505') },
    });
    expect(await stored()).toHaveLength(2);
  });

  it('a value of the wrong type is invalid_input', async () => {
    await expect(
      postgres.run('query', { sql: 'SELECT $1::int AS n', values: ['ten'] }, { auth }),
    ).resolves.toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('22P02') },
    });
  });

  // The local server trusts 127.0.0.1, so a wrong password is accepted; an unknown role is still
  // refused during authentication (SQLSTATE 28000).
  it('an unknown role is auth', async () => {
    await expect(
      postgres.run('tables.list', {}, { auth: { ...auth, user: uniqueName('nobody') } }),
    ).resolves.toMatchObject({ status: 'failed', error: { kind: 'auth', message: expect.stringContaining('28000') } });
  });
});

describe('fixed bugs, through the sandbox', () => {
  const kinds = uniqueName('mova_values');

  beforeAll(async () => {
    await admin(`CREATE TABLE ${kinds} (id int PRIMARY KEY, doc jsonb, raw json, f float8, r real, fs float8[])`);
  });
  afterAll(async () => {
    await admin(`DROP TABLE IF EXISTS ${kinds}`);
  });

  // pg sent arrays as PostgreSQL array literals ('{1,2}') and strings as they were: 22P02.
  it('stores a JSON array or a plain string given for a json/jsonb column as JSON', async () => {
    const insert = await postgres.run(
      'rows.insert',
      {
        table: kinds,
        rows: [
          { id: 1, doc: [1, 'two', { three: 3 }], raw: 'hello' },
          { id: 2, doc: 'plain', raw: [] },
          { id: 3, doc: { nested: ['x'] }, raw: null },
        ],
      },
      { auth },
    );
    expect(insert).toMatchObject({ status: 'completed', output: { rowCount: 3 } });
    const update = await postgres.run(
      'rows.update',
      { table: kinds, set: { doc: ['updated'], raw: '{"a":1}' }, where: { id: 3 } },
      { auth },
    );
    expect(update).toMatchObject({ status: 'completed', output: { rowCount: 1 } });
    const { rows } = await admin(
      `SELECT id, doc, jsonb_typeof(doc) AS doc_type, raw::text AS raw FROM ${kinds} WHERE id <= 3 ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 1, doc: [1, 'two', { three: 3 }], doc_type: 'array', raw: '"hello"' },
      { id: 2, doc: 'plain', doc_type: 'string', raw: '[]' },
      { id: 3, doc: ['updated'], doc_type: 'array', raw: '"{\\"a\\":1}"' },
    ]);
  });

  it('sends an array as JSON to a json/jsonb parameter of query and transaction, and as an array elsewhere', async () => {
    const query = await postgres.run(
      'query',
      {
        sql: `INSERT INTO ${kinds} (id, doc, fs) VALUES ($1, $2, $3) RETURNING doc, fs`,
        values: [4, [1, [2]], [0.5, 2]],
      },
      { auth },
    );
    expect(query).toMatchObject({ status: 'completed', output: { rows: [{ doc: [1, [2]], fs: [0.5, 2] }] } });
    const transaction = await postgres.run(
      'transaction',
      {
        statements: [
          { sql: `INSERT INTO ${kinds} (id, doc) VALUES ($1, $2)`, values: [5, ['a']] },
          { sql: `SELECT id FROM ${kinds} WHERE id = ANY($1) ORDER BY id`, values: [[4, 5]] },
        ],
      },
      { auth },
    );
    expect(transaction).toMatchObject({ status: 'completed' });
    expect(transaction.output).toMatchObject({ results: [{ rowCount: 1 }, { rows: [{ id: 4 }, { id: 5 }] }] });
    const { rows } = await admin(`SELECT doc FROM ${kinds} WHERE id = 5`);
    expect(rows).toEqual([{ doc: ['a'] }]);
  });

  // pg parsed them to NaN and ±Infinity, which the run record (JSON) turned into null.
  it('returns float NaN and infinities as strings, not null', async () => {
    await admin(
      `INSERT INTO ${kinds} (id, f, r, fs) VALUES (10, 'NaN', '-Infinity', '{Infinity,1.25,NULL,NaN}'), (11, 2.5, 0.5, '{}')`,
    );
    const select = await postgres.run(
      'rows.select',
      { table: kinds, columns: ['id', 'f', 'r', 'fs'], where: { id: 10 } },
      { auth },
    );
    expect(select).toMatchObject({ status: 'completed' });
    expect(select.output).toEqual({
      rows: [{ id: 10, f: 'NaN', r: '-Infinity', fs: ['Infinity', 1.25, null, 'NaN'] }],
      rowCount: 1,
    });
    // What a run record keeps: JSON, where NaN and Infinity would have become null.
    expect(JSON.parse(JSON.stringify(select.output))).toEqual(select.output);
    const finite = await postgres.run(
      'rows.select',
      { table: kinds, columns: ['f', 'r', 'fs'], where: { id: 11 } },
      { auth },
    );
    expect(finite).toMatchObject({ status: 'completed', output: { rows: [{ f: 2.5, r: 0.5, fs: [] }] } });
    const query = await postgres.run(
      'query',
      {
        sql: "SELECT 'Infinity'::float8 AS inf, $1::float8 AS nan, 'NaN'::numeric AS num, '{1.10,NaN}'::numeric[] AS nums",
        values: ['NaN'],
      },
      { auth },
    );
    // NUMERIC[] is text like NUMERIC: pg made floats of it (1.1, and NaN for 'NaN').
    expect(query).toMatchObject({
      status: 'completed',
      output: { rows: [{ inf: 'Infinity', nan: 'NaN', num: 'NaN', nums: ['1.10', 'NaN'] }] },
    });
  });

  // COMMIT used to commit the statements before it; a later failure then claimed "rolled back".
  it('refuses COMMIT, ROLLBACK and BEGIN in a transaction before anything runs', async () => {
    const before = (await admin(`SELECT count(*)::int AS n FROM ${kinds}`)).rows;
    for (const control of ['COMMIT', 'rollback work', '/* note */ BEGIN', 'END', 'START TRANSACTION']) {
      const result = await postgres.run(
        'transaction',
        {
          statements: [
            { sql: `INSERT INTO ${kinds} (id) VALUES ($1)`, values: [20] },
            { sql: control },
            { sql: `INSERT INTO ${kinds} (id) VALUES ($1)`, values: [20] },
          ],
        },
        { auth },
      );
      expect(result).toMatchObject({
        status: 'failed',
        error: {
          kind: 'invalid_input',
          message: expect.stringMatching(/refused: statement 1 is [A-Z ]+, .*nothing was run/),
        },
      });
      expect(result.error?.message).not.toContain('rolled back');
    }
    expect((await admin(`SELECT count(*)::int AS n FROM ${kinds}`)).rows).toEqual(before);
  });

  it('still allows savepoints inside a transaction', async () => {
    const result = await postgres.run(
      'transaction',
      {
        statements: [
          { sql: `INSERT INTO ${kinds} (id) VALUES (30)` },
          { sql: 'SAVEPOINT undo' },
          { sql: `INSERT INTO ${kinds} (id) VALUES (31)` },
          { sql: 'ROLLBACK TO SAVEPOINT undo' },
          { sql: 'RELEASE SAVEPOINT undo' },
        ],
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed' });
    const { rows } = await admin(`SELECT id FROM ${kinds} WHERE id >= 30 ORDER BY id`);
    expect(rows).toEqual([{ id: 30 }]);
  });
});
