import { ensureService, localServices, runAction } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

const table = uniqueName('mova_query');
const query = (sql: string, values?: unknown[]) =>
  runAction(connector, 'query', values ? { sql, values } : { sql }, { auth: connection });

beforeAll(async () => {
  await ensureService(localServices.mariadb);
  await admin(`CREATE TABLE ${table} (
    id int PRIMARY KEY AUTO_INCREMENT, big bigint, amount decimal(10,2), born date, seen datetime(6),
    doc json, data varbinary(8), note varchar(200), flag tinyint(1), n int unsigned)`);
  await admin(
    `INSERT INTO ${table} (big, amount, born, seen, doc, data, note, flag, n)
     VALUES (9007199254740993, 12.5, '1990-05-17', '2024-03-01 10:20:30.123456', '{"a":[1,2]}', x'0102', 'hi', 1, 7)`,
  );
});

afterAll(async () => {
  await admin(`DROP TABLE IF EXISTS ${table}`);
});

describe('query', () => {
  it('returns rows and named column types, keeping big numbers and dates exact', async () => {
    const out = await query(`SELECT big, amount, born, seen, doc, data, note, flag, n FROM ${table} WHERE id = ?`, [1]);
    expect(out).toMatchObject({
      rowCount: 1,
      rows: [
        {
          big: '9007199254740993',
          amount: '12.50',
          born: '1990-05-17',
          seen: '2024-03-01 10:20:30.123456',
          doc: { a: [1, 2] },
          data: '0102',
          note: 'hi',
          flag: 1,
          n: 7,
        },
      ],
    });
    expect(out).not.toHaveProperty('affectedRows');
    expect(out).toHaveProperty(
      'fields',
      ['bigint', 'decimal', 'date', 'datetime', 'json', 'varbinary', 'varchar', 'tinyint', 'int unsigned'].map(
        (type, i) => ({
          name: ['big', 'amount', 'born', 'seen', 'doc', 'data', 'note', 'flag', 'n'][i],
          type,
          typeId: expect.any(Number),
        }),
      ),
    );
  });

  it('reports affectedRows and insertId for statements that change data', async () => {
    await expect(query(`INSERT INTO ${table} (note) VALUES (?), (?)`, ['a', 'b'])).resolves.toEqual({
      rows: [],
      rowCount: 2,
      fields: [],
      affectedRows: 2,
      insertId: 2,
    });
    await expect(query(`UPDATE ${table} SET note = ? WHERE id IN (?, ?)`, ['a', 2, 3])).resolves.toMatchObject({
      rowCount: 1,
      affectedRows: 1,
    });
  });

  it('keeps an SQL injection attempt as plain data, and stores objects as JSON', async () => {
    const evil = `'; DROP TABLE ${table}; --`;
    await expect(query('SELECT ? AS v', [evil])).resolves.toMatchObject({ rows: [{ v: evil }] });
    await query(`INSERT INTO ${table} (id, note, doc) VALUES (?, ?, ?)`, [100, evil, { k: [evil] }]);
    expect(await admin(`SELECT note, doc FROM ${table} WHERE id = 100`)).toEqual([{ note: evil, doc: { k: [evil] } }]);
  });

  it('refuses a second statement hidden in the text', async () => {
    await expect(query(`SELECT 1; DROP TABLE ${table}`)).rejects.toMatchObject({
      kind: 'invalid_input',
      errorCode: 'ER_PARSE_ERROR',
      actionKey: 'query',
    });
    await expect(admin(`SELECT count(*) AS n FROM ${table}`)).resolves.toHaveLength(1);
  });

  it('runs DDL and statements that cannot be prepared', async () => {
    const temp = uniqueName('mova_ddl');
    try {
      await expect(query(`CREATE TABLE ${temp} (x int)`)).resolves.toMatchObject({ rows: [], affectedRows: 0 });
      await expect(query(`SHOW TABLES LIKE '${temp}'`)).resolves.toMatchObject({ rowCount: 1 });
      // PREPARE itself cannot be prepared (ER_UNSUPPORTED_PS); without values it runs as plain text.
      await expect(query("PREPARE mova_stmt FROM 'SELECT 1'")).resolves.toMatchObject({ affectedRows: 0 });
    } finally {
      await admin(`DROP TABLE IF EXISTS ${temp}`);
    }
  });

  it('turns a missing table into not_found with the server message and codes', async () => {
    const error = await query(`SELECT * FROM ${table}_missing`).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'E_CONNECTOR',
      kind: 'not_found',
      errorCode: 'ER_NO_SUCH_TABLE',
      errno: 1146,
      sqlState: '42S02',
      actionKey: 'query',
      vendorMessage: `Table 'test.${table}_missing' doesn't exist`,
    });
    expect(String(error)).toContain('ER_NO_SUCH_TABLE 1146');
  });

  it('turns a syntax error and an unknown column into invalid_input', async () => {
    await expect(query('SELEC 1')).rejects.toMatchObject({ kind: 'invalid_input', errorCode: 'ER_PARSE_ERROR' });
    await expect(query(`SELECT nope FROM ${table}`)).rejects.toMatchObject({
      kind: 'invalid_input',
      errorCode: 'ER_BAD_FIELD_ERROR',
    });
  });
});
