import { describe, expect, it } from 'vitest';
import { AnsiError, ansi } from '../../../test/ansi-dialect.js';
import type { Row } from './dialect.js';
import { fetchColumns, fetchTables } from './introspection.js';

/** A runner answering each catalogue query from a table of canned rows. */
function catalogue(answers: Record<string, Row[]>) {
  const asked: { text: string; values: unknown[] }[] = [];
  return {
    asked,
    query: async (text: string, values: unknown[] = []) => {
      asked.push({ text, values });
      return { rows: answers[text.split(' ')[0] ?? ''] ?? [] };
    },
  };
}

describe('fetchTables', () => {
  it('lists the known kinds of a schema, leaving other kinds out', async () => {
    const runner = catalogue({
      TABLES: [
        { name: 'customers', type: 'BASE TABLE' },
        { name: 'open_orders', type: 'VIEW' },
        { name: 'odd', type: 'SOMETHING' },
      ],
    });
    await expect(fetchTables(runner, ansi, 'public', 'tables.list')).resolves.toEqual({
      schema: 'public',
      tables: [
        { name: 'customers', type: 'table' },
        { name: 'open_orders', type: 'view' },
      ],
    });
  });

  it('uses the current schema when none is given, and refuses a schema that does not exist', async () => {
    const runner = catalogue({ SELECT: [{ name: 'app' }], SCHEMA: [] });
    await expect(fetchTables(runner, ansi, undefined, 'tables.list')).rejects.toMatchObject({
      kind: 'not_found',
      message: 'tables.list failed: schema "app" does not exist',
    });
    expect(runner.asked.map((q) => q.values)).toEqual([[], ['app'], ['app']]);
    await expect(fetchTables(catalogue({ SELECT: [{ name: null }] }), ansi, undefined, 'tables.list')).rejects.toThrow(
      'no schema to list',
    );
  });
});

describe('fetchColumns', () => {
  it('reads columns, booleans given as 1/0 too, and keeps a table without columns', async () => {
    const runner = catalogue({
      COLUMNS: [
        {
          schema: 's',
          table: 't',
          name: 'id',
          type: 'int',
          nullable: 0,
          default: null,
          primary_key: 1,
          auto_increment: '1',
        },
        {
          schema: 's',
          table: 't',
          name: 'email',
          type: 'text',
          nullable: true,
          default: "'x'",
          primary_key: false,
          auto_increment: 0,
        },
      ],
    });
    await expect(fetchColumns(runner, ansi, 's.t', 'tables.describe')).resolves.toEqual({
      schema: 's',
      table: 't',
      columns: [
        { name: 'id', type: 'int', nullable: false, default: null, primaryKey: true, autoIncrement: true },
        { name: 'email', type: 'text', nullable: true, default: "'x'", primaryKey: false, autoIncrement: false },
      ],
    });
    expect(runner.asked[0]).toEqual({ text: 'COLUMNS "s"."t"', values: ['s', 't'] });
    const empty = catalogue({ COLUMNS: [{ schema: 's', table: 'e', name: null }] });
    await expect(fetchColumns(empty, ansi, 'e', 'tables.describe')).resolves.toEqual({
      schema: 's',
      table: 'e',
      columns: [],
    });
  });

  it('reports a missing table as not_found with the dialect code', async () => {
    await expect(fetchColumns(catalogue({}), ansi, 'nope', 'tables.describe')).rejects.toSatisfy(
      (error) => error instanceof AnsiError && error.kind === 'not_found' && error.errorCode === 'NO_TABLE',
    );
  });
});
