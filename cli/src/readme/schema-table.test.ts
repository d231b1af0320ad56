import { Type } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { fieldRows, fieldTable, typeOf } from './schema-table.js';

const json = (schema: object) => JSON.parse(JSON.stringify(schema));

describe('typeOf', () => {
  it('names types the way a reader says them', () => {
    expect(typeOf(json(Type.String({ format: 'email' })))).toBe('string (email)');
    expect(typeOf(json(Type.Array(Type.Integer())))).toBe('array of integer');
    expect(typeOf(json(Type.Union([Type.String(), Type.Null()])))).toBe('string or null');
    expect(typeOf(json(Type.Union([Type.Literal('open'), Type.Literal('closed')])))).toBe('"open" or "closed"');
    expect(typeOf({ enum: ['a', 1] })).toBe('"a" or 1');
    expect(typeOf({})).toBe('any');
  });
});

describe('fieldRows', () => {
  it('lists fields with required flags, flattening nested objects and arrays of objects', () => {
    const schema = json(
      Type.Object({
        owner: Type.Object({ login: Type.String({ description: 'User name' }) }),
        labels: Type.Optional(Type.Array(Type.Object({ name: Type.String() }))),
        port: Type.Integer({ default: 5432, description: 'Port' }),
        token: Type.String({ writeOnly: true, description: 'Token' }),
      }),
    );
    expect(fieldRows(schema)).toEqual([
      { name: 'owner', type: 'object', required: true, description: '' },
      { name: 'owner.login', type: 'string', required: true, description: 'User name' },
      { name: 'labels', type: 'array of object', required: false, description: '' },
      { name: 'labels[].name', type: 'string', required: true, description: '' },
      { name: 'port', type: 'integer', required: true, description: 'Port. Default: `5432`.' },
      { name: 'token', type: 'string', required: true, description: 'Token. Secret: never logged.' },
    ]);
  });

  it('has no rows for a schema without properties', () => {
    expect(fieldRows(json(Type.Array(Type.String())))).toEqual([]);
  });
});

describe('fieldTable', () => {
  it('escapes pipes and folds newlines so a cell cannot break the table', () => {
    const table = fieldTable([{ name: 'a', type: 'string or null', required: false, description: 'x | y\nz' }]);
    expect(table.split('\n')).toEqual([
      '| Field | Type | Required | Description |',
      '| --- | --- | --- | --- |',
      '| `a` | string or null | no | x \\| y z |',
    ]);
  });
});
