import { ensureService, localServices, runAction } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

const database = uniqueName('mova_tables');
const empty = uniqueName('mova_empty');
const run = (key: string, input: unknown, auth: object = connection) => runAction(connector, key, input, { auth });

beforeAll(async () => {
  await ensureService(localServices.mariadb);
  await admin(`CREATE DATABASE ${database}`);
  await admin(`CREATE DATABASE ${empty}`);
  await admin(`CREATE TABLE ${database}.items (
    id bigint unsigned PRIMARY KEY AUTO_INCREMENT,
    name varchar(80) NOT NULL,
    price decimal(10,2) DEFAULT 0,
    label varchar(20) DEFAULT 'new',
    created timestamp NOT NULL DEFAULT current_timestamp(),
    note text)`);
  await admin(`CREATE TABLE ${database}.pairs (a int, b int, label text, PRIMARY KEY (a, b))`);
  await admin(`CREATE VIEW ${database}.cheap AS SELECT id, name FROM ${database}.items WHERE price < 10`);
});

afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${database}`);
  await admin(`DROP DATABASE IF EXISTS ${empty}`);
});

describe('tables.list', () => {
  it('lists the tables and views of a database by name', async () => {
    await expect(run('tables.list', { database })).resolves.toEqual({
      database,
      tables: [
        { name: 'cheap', type: 'view' },
        { name: 'items', type: 'table' },
        { name: 'pairs', type: 'table' },
      ],
    });
  });

  it("lists the connection's database by default", async () => {
    await expect(run('tables.list', {}, { ...connection, database })).resolves.toMatchObject({
      database,
      tables: expect.arrayContaining([{ name: 'items', type: 'table' }]),
    });
  });

  it('returns an empty list for an empty database and not_found for a missing one', async () => {
    await expect(run('tables.list', { database: empty })).resolves.toEqual({ database: empty, tables: [] });
    await expect(run('tables.list', { database: `${empty}_missing` })).rejects.toMatchObject({
      kind: 'not_found',
      actionKey: 'tables.list',
    });
  });

  it('asks for a database when the connection has none', async () => {
    const { database: _none, ...withoutDatabase } = connection;
    await expect(run('tables.list', {}, withoutDatabase)).rejects.toMatchObject({
      kind: 'invalid_input',
      hint: expect.stringContaining('database'),
    });
  });
});

describe('tables.describe', () => {
  it('describes columns with types, nullability, defaults, primary key and auto-increment', async () => {
    await expect(run('tables.describe', { table: `${database}.items` })).resolves.toEqual({
      database,
      table: 'items',
      columns: [
        {
          name: 'id',
          type: 'bigint(20) unsigned',
          nullable: false,
          default: null,
          primaryKey: true,
          autoIncrement: true,
        },
        { name: 'name', type: 'varchar(80)', nullable: false, default: null, primaryKey: false, autoIncrement: false },
        {
          name: 'price',
          type: 'decimal(10,2)',
          nullable: true,
          default: '0.00',
          primaryKey: false,
          autoIncrement: false,
        },
        {
          name: 'label',
          type: 'varchar(20)',
          nullable: true,
          default: "'new'",
          primaryKey: false,
          autoIncrement: false,
        },
        {
          name: 'created',
          type: 'timestamp',
          nullable: false,
          default: 'current_timestamp()',
          primaryKey: false,
          autoIncrement: false,
        },
        { name: 'note', type: 'text', nullable: true, default: null, primaryKey: false, autoIncrement: false },
      ],
    });
  });

  it("marks every column of a composite key, describes views, and uses the connection's database", async () => {
    await expect(run('tables.describe', { table: 'pairs' }, { ...connection, database })).resolves.toMatchObject({
      database,
      table: 'pairs',
      columns: [
        { name: 'a', primaryKey: true, nullable: false },
        { name: 'b', primaryKey: true, nullable: false },
        { name: 'label', primaryKey: false, nullable: true },
      ],
    });
    await expect(run('tables.describe', { table: `${database}.cheap` })).resolves.toMatchObject({
      columns: [{ name: 'id', type: 'bigint(20) unsigned' }, { name: 'name' }],
    });
  });

  it('reports a missing table as not_found', async () => {
    await expect(run('tables.describe', { table: `${database}.missing` })).rejects.toMatchObject({
      kind: 'not_found',
      actionKey: 'tables.describe',
    });
  });
});
