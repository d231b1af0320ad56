import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shell, tempDir } from './helpers.js';

// The database file itself through the sandbox: missing, created, not a database, damaged, locked
// by a run that died, written by several runs at once, and files the connection does not name.
let sqlite: ConnectorUnderTest;
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  dir = await tempDir();
  sqlite = await loadConnector({ dir: new URL('..', import.meta.url) });
});

afterAll(async () => {
  await sqlite?.close();
  await dir?.remove();
});

const query = (filename: string, sql: string, values: unknown[] = [], more: Record<string, unknown> = {}) =>
  sqlite.run('query', { sql, values }, { auth: { filename, ...more } });

describe('sqlite database files', () => {
  it('a missing file is not_found and is not created, unless the connection says create', async () => {
    const filename = join(dir.dir, 'missing.db');
    const missing = await query(filename, 'SELECT 1');
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
    expect(missing.error?.message).toContain(`the database file ${filename} does not exist`);
    expect(missing.error?.hint).toMatch(/"create": true/);
    expect(existsSync(filename)).toBe(false);
    expect((await query(filename, 'SELECT 1', [], { create: true })).status).toBe('completed');
    expect(await query(filename, 'CREATE TABLE t (x)', [], { create: true })).toMatchObject({ status: 'completed' });
    expect(await shell(filename, "SELECT name FROM sqlite_schema WHERE type = 'table'")).toEqual([{ name: 't' }]);
  });

  it('a file that is not a database, or a damaged one, fails with a clear typed error', async () => {
    const notDb = join(dir.dir, 'notes.db');
    await writeFile(notDb, 'these are notes, not a database\n'.repeat(200));
    const result = await query(notDb, 'SELECT count(*) FROM sqlite_schema');
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.message).toMatch(/file is not a database \(SQLITE_NOTADB\)/);
    expect(result.error?.hint).toMatch(/not an SQLite database/);

    const damaged = join(dir.dir, 'damaged.db');
    await shell(
      damaged,
      "CREATE TABLE t (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO t SELECT printf('row %d', i) FROM n;",
    );
    const bytes = await readFile(damaged);
    // Page 2 onwards (the table's b-tree) overwritten: the header still says SQLite.
    bytes.fill(0xa5, 4096, bytes.length);
    await writeFile(damaged, bytes);
    const read = await query(damaged, 'SELECT count(*) AS n FROM t');
    expect(read).toMatchObject({ status: 'failed', error: { kind: 'unknown' } });
    expect(read.error?.message).toMatch(/database disk image is malformed \(SQLITE_CORRUPT\)/);
    expect(read.error?.hint).toMatch(/backup/);
  });

  it('a file in WAL mode is refused with the command that converts it', async () => {
    const filename = join(dir.dir, 'wal.db');
    await shell(filename, 'PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    const result = await query(filename, 'SELECT x FROM t');
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.message).toMatch(/is in WAL mode/);
    expect(result.error?.hint).toContain('PRAGMA journal_mode = DELETE');
    await shell(filename, 'PRAGMA journal_mode = DELETE');
    expect(await query(filename, 'SELECT x FROM t')).toMatchObject({
      status: 'completed',
      output: { rows: [{ x: 1 }] },
    });
  });

  it('a database locked by a run that died is a transient error after busyTimeoutMs, naming the lock', async () => {
    const filename = join(dir.dir, 'locked.db');
    await shell(filename, 'CREATE TABLE t (x)');
    // What a run killed inside a transaction leaves: node-sqlite3-wasm locks with a directory.
    await mkdir(`${filename}.lock`);
    const result = await query(filename, 'INSERT INTO t VALUES (1)', [], { busyTimeoutMs: 200 });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'transient' } });
    expect(result.error?.message).toMatch(
      /the database is locked: another run held it for more than busyTimeoutMs \(200 ms\)/,
    );
    expect(result.error?.hint).toContain('.lock');
    expect(await shell(filename, 'SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it('runs writing at once wait for each other: every read-modify-write lands', async () => {
    const filename = join(dir.dir, 'counter.db');
    await shell(
      filename,
      'CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0); CREATE TABLE log (run TEXT);',
    );
    // Two loads: two runtimes, each with its own sandboxes, on the same file.
    const other = await loadConnector({ dir: new URL('..', import.meta.url) });
    try {
      const auth = { filename, busyTimeoutMs: 30_000 };
      const increment = (runner: ConnectorUnderTest, run: string) =>
        runner.run(
          'transaction',
          {
            statements: [
              { sql: 'INSERT INTO log VALUES (?)', values: [run] },
              { sql: 'UPDATE counter SET n = (SELECT count(*) FROM log)' },
            ],
          },
          { auth },
        );
      const runs = Array.from({ length: 12 }, (_, i) => increment(i % 2 ? other : sqlite, `run ${i}`));
      const results = await Promise.all(runs);
      expect(results.map((r) => r.status)).toEqual(Array(12).fill('completed'));
    } finally {
      await other.close();
    }
    expect(await shell(filename, 'SELECT n FROM counter')).toEqual([{ n: 12 }]);
    expect(await shell(filename, 'SELECT count(DISTINCT run) AS runs FROM log')).toEqual([{ runs: 12 }]);
    expect(await shell(filename, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('ATTACH of a file the connection does not name is refused by the sandbox, and nothing of it is read', async () => {
    const secretDir = join(dir.dir, 'secret');
    await mkdir(secretDir);
    const secret = join(secretDir, 'secret.db');
    await shell(secret, "CREATE TABLE s (token TEXT); INSERT INTO s VALUES ('tok-sqlite-secret-4711')");
    const filename = join(dir.dir, 'app.db');
    await shell(filename, 'CREATE TABLE t (x)');
    const attached = await query(filename, 'ATTACH DATABASE ? AS stolen', [secret]);
    expect(attached).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
    expect(attached.error?.message).toMatch(/unable to open database/);
    expect(attached.error?.hint).toMatch(/sandbox refuses every other file/);
    // A new file beside the database is refused as well: its directory is not the connector's.
    const planted = await query(filename, 'ATTACH DATABASE ? AS planted', [join(dir.dir, 'planted.db')]);
    expect(planted).toMatchObject({ status: 'failed' });
    expect(existsSync(join(dir.dir, 'planted.db'))).toBe(false);
    expect(JSON.stringify([attached, planted])).not.toContain('tok-sqlite-secret-4711');
  });

  it('a relative path is refused before any sandbox starts', async () => {
    await expect(query('data/app.db', 'SELECT 1')).rejects.toThrow(/\/auth\/filename must match pattern/);
  });
});
