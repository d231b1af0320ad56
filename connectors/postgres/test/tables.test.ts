import { ensureService, localServices, runAction } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

const schema = uniqueName('mova_tables');
const empty = uniqueName('mova_empty');
const run = (key: string, input: unknown) => runAction(connector, key, input, { auth: connection });

beforeAll(async () => {
  await ensureService(localServices.postgres);
  await admin(`CREATE SCHEMA ${schema}`);
  await admin(`CREATE SCHEMA ${empty}`);
  await admin(`CREATE TABLE ${schema}.items (
    id bigserial PRIMARY KEY,
    name varchar(80) NOT NULL,
    price numeric(10,2) DEFAULT 0,
    created timestamptz NOT NULL DEFAULT now(),
    "Mixed" text)`);
  await admin(`CREATE TABLE ${schema}.pairs (a int, b int, label text, PRIMARY KEY (a, b))`);
  await admin(`CREATE VIEW ${schema}.cheap AS SELECT id, name FROM ${schema}.items WHERE price < 10`);
  await admin(`CREATE MATERIALIZED VIEW ${schema}.counts AS SELECT count(*) AS n FROM ${schema}.items`);
  await admin(`CREATE TABLE ${schema}.nothing ()`);
});

afterAll(async () => {
  await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin(`DROP SCHEMA IF EXISTS ${empty} CASCADE`);
});

describe('tables.list', () => {
  it('lists tables and views of a schema by name', async () => {
    await expect(run('tables.list', { schema })).resolves.toEqual({
      schema,
      tables: [
        { name: 'cheap', type: 'view' },
        { name: 'counts', type: 'materialized view' },
        { name: 'items', type: 'table' },
        { name: 'nothing', type: 'table' },
        { name: 'pairs', type: 'table' },
      ],
    });
  });

  it('lists the public schema by default', async () => {
    const out = await run('tables.list', {});
    expect(out).toMatchObject({ schema: 'public', tables: expect.any(Array) });
  });

  it('returns an empty list for an empty schema and not_found for a missing one', async () => {
    await expect(run('tables.list', { schema: empty })).resolves.toEqual({ schema: empty, tables: [] });
    await expect(run('tables.list', { schema: `${empty}_missing` })).rejects.toMatchObject({
      kind: 'not_found',
      actionKey: 'tables.list',
    });
  });
});

describe('tables.describe', () => {
  it('describes columns with types, nullability, defaults and the primary key', async () => {
    await expect(run('tables.describe', { table: `${schema}.items` })).resolves.toEqual({
      schema,
      table: 'items',
      columns: [
        {
          name: 'id',
          type: 'bigint',
          nullable: false,
          default: `nextval('${schema}.items_id_seq'::regclass)`,
          primaryKey: true,
        },
        { name: 'name', type: 'character varying(80)', nullable: false, default: null, primaryKey: false },
        { name: 'price', type: 'numeric(10,2)', nullable: true, default: '0', primaryKey: false },
        { name: 'created', type: 'timestamp with time zone', nullable: false, default: 'now()', primaryKey: false },
        { name: 'Mixed', type: 'text', nullable: true, default: null, primaryKey: false },
      ],
    });
  });

  it('marks every column of a composite primary key, and describes views and column-less tables', async () => {
    const pairs = await run('tables.describe', { table: `${schema}.pairs` });
    expect(pairs).toMatchObject({
      columns: [
        { name: 'a', primaryKey: true, nullable: false },
        { name: 'b', primaryKey: true, nullable: false },
        { name: 'label', primaryKey: false, nullable: true },
      ],
    });
    await expect(run('tables.describe', { table: `${schema}.cheap` })).resolves.toMatchObject({
      table: 'cheap',
      columns: [{ name: 'id', type: 'bigint' }, { name: 'name' }],
    });
    await expect(run('tables.describe', { table: `${schema}.nothing` })).resolves.toEqual({
      schema,
      table: 'nothing',
      columns: [],
    });
  });

  it('reports a missing table as not_found', async () => {
    await expect(run('tables.describe', { table: `${schema}.missing` })).rejects.toMatchObject({
      kind: 'not_found',
      sqlState: '42P01',
      actionKey: 'tables.describe',
    });
  });
});
