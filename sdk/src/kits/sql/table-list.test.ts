import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { listTablesAction, tableKinds, tablesOfKinds } from './table-list.js';

const kinds = tableKinds(['table', 'view'], 'What kind of relation it is');

describe('tableKinds and tablesOfKinds', () => {
  it('describe the kinds as a union of literals', () => {
    expect(kinds).toMatchObject({
      description: 'What kind of relation it is',
      anyOf: [{ const: 'table' }, { const: 'view' }],
    });
  });

  it('keep the listed kinds in their order and leave the rest out', () => {
    const found = [
      { name: 'customers', type: 'table' },
      { name: 'sqlite_sequence', type: 'shadow' },
      { name: 'open_orders', type: 'view' },
    ];
    expect(tablesOfKinds(kinds, found)).toEqual([
      { name: 'customers', type: 'table' },
      { name: 'open_orders', type: 'view' },
    ]);
  });
});

describe('listTablesAction', () => {
  const action = listTablesAction(kinds, 'Lists tables.', Type.String({ minLength: 1, default: 'main' }), 'main');

  it('is tables.list with the dialect’s schema field and kinds', () => {
    expect(action).toMatchObject({ key: 'tables.list', title: 'List tables', description: 'Lists tables.' });
    expect(Value.Check(action.input, { schema: 'temp' })).toBe(true);
    expect(Value.Check(action.input, { schema: '' })).toBe(false);
    expect(Value.Check(action.output, { schema: 'main', tables: [{ name: 'x', type: 'index' }] })).toBe(false);
  });

  it('has an example that validates and lists the example schema', () => {
    const [example] = action.examples;
    expect(example?.input).toEqual({ schema: 'main' });
    expect(Value.Check(action.output, example?.output)).toBe(true);
    expect(example?.output.schema).toBe('main');
  });
});
