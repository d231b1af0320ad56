import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import {
  deleteRowsReturningAction,
  insertRowsReturningAction,
  updateRowsReturningAction,
} from './returning-actions.js';

const table = Type.String({ minLength: 1 });
const returned = Type.Array(Type.Record(Type.String(), Type.Unknown()));
const changed = Type.Object({ rowCount: Type.Integer({ minimum: 0 }), rows: returned });

describe('row actions with RETURNING', () => {
  const insert = insertRowsReturningAction({
    description: 'Inserts rows.',
    table,
    rowsDescription: 'Rows to insert',
    returned,
    exampleTable: 'public.customers',
  });
  const actions = [
    updateRowsReturningAction(table, 'Columns to change', changed),
    deleteRowsReturningAction(table, changed),
    insert,
  ];

  it('take `returning` and answer with a count and the rows', () => {
    expect(actions.map((action) => action.key)).toEqual(['rows.update', 'rows.delete', 'rows.insert']);
    for (const action of actions) {
      expect(action.input.properties.returning).toMatchObject({ type: 'array', minItems: 1 });
      expect(Value.Check(action.output, { rowCount: 1, rows: [{ id: 1 }] })).toBe(true);
      expect(Value.Check(action.output, { rowCount: -1, rows: [] })).toBe(false);
    }
  });

  it('have examples whose input and output validate', () => {
    for (const action of actions) {
      expect(action.examples).toHaveLength(1);
      const [example] = action.examples;
      expect(Value.Check(action.input, example?.input)).toBe(true);
      expect(Value.Check(action.output, example?.output)).toBe(true);
    }
  });

  it('insert: refuses an empty row list, upserts into the example table', () => {
    expect(Value.Check(insert.input, { table: 'customers', rows: [] })).toBe(false);
    expect(insert.examples[0]?.input).toMatchObject({ table: 'public.customers', onConflict: { do: 'update' } });
    expect(insert.description).toBe('Inserts rows.');
  });
});
