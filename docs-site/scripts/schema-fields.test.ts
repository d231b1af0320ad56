import { Type } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { constraints, fieldRows, objectRules, schemaSection, sentences, typeOf } from './schema-fields.js';

/** Rows as `path type required` lines, easy to compare. */
function rows(schema: object) {
  return fieldRows(JSON.parse(JSON.stringify(schema))).map((r) => `${r.path} ${r.type} ${r.required ? 'yes' : 'no'}`);
}

describe('fieldRows', () => {
  it('flattens nested objects, arrays of objects and nullable objects into paths', () => {
    const schema = Type.Object({
      title: Type.String({ description: 'Title' }),
      user: Type.Union([Type.Object({ login: Type.String(), id: Type.Integer() }), Type.Null()]),
      labels: Type.Array(Type.Object({ name: Type.String(), color: Type.Optional(Type.String()) })),
      matrix: Type.Optional(Type.Array(Type.Array(Type.Object({ cell: Type.Number() })))),
    });
    expect(rows(schema)).toEqual([
      'title string yes',
      'user object or null yes',
      'user.login string yes',
      'user.id integer yes',
      'labels array of object yes',
      'labels[].name string yes',
      'labels[].color string no',
      'matrix array of array of object no',
      'matrix[][].cell number yes',
    ]);
  });

  it('names maps by their values and lists the fields of object values under .*', () => {
    const schema = Type.Object({
      headers: Type.Record(Type.String(), Type.String()),
      byId: Type.Record(Type.String(), Type.Object({ total: Type.Integer() })),
    });
    expect(rows(schema)).toEqual(['headers map of string yes', 'byId map of object yes', 'byId.*.total integer yes']);
  });

  it('lists each form of an anyOf of objects, marked with its number', () => {
    const schema = Type.Object({
      body: Type.Optional(
        Type.Union([
          Type.Object({ json: Type.Unknown() }),
          Type.Object({ text: Type.String({ description: 'Text' }) }),
        ]),
      ),
    });
    const found = fieldRows(JSON.parse(JSON.stringify(schema)));
    expect(found.map((r) => `${r.path} ${r.required}`)).toEqual(['body false', 'body.json true', 'body.text true']);
    expect(found[2]?.description).toBe('_form 2 of `body`:_ Text');
  });

  it('stops at a depth, so a schema that refers to itself ends', () => {
    const node = { type: 'object', properties: { child: { $ref: '#/$defs/node' } } };
    const found = fieldRows(node, { resolve: () => node });
    expect(found.map((r) => r.path)).toEqual([
      'child',
      'child.child',
      'child.child.child',
      'child.child.child.child',
      'child.child.child.child.child',
    ]);
  });

  it('links a referenced definition instead of repeating its fields', () => {
    const retry = { type: 'object', description: 'How to retry.', properties: { attempts: { type: 'integer' } } };
    const found = fieldRows(
      { type: 'object', properties: { retry: { $ref: '#/$defs/retry' } } },
      { refLink: () => '[retry](./retry.md)', resolve: () => retry },
    );
    expect(found).toEqual([
      { path: 'retry', type: '[retry](./retry.md)', required: false, description: 'How to retry.' },
    ]);
  });

  it('escapes < in descriptions and keeps them on one line', () => {
    const [row] = fieldRows({
      type: 'object',
      properties: { uses: { type: 'string', description: 'A "<connector>/<action>"\nreference | or a built-in' } },
    });
    expect(row?.description).toBe('A "&lt;connector>/&lt;action>" reference | or a built-in');
  });
});

describe('typeOf', () => {
  it('names constants, enums, unions, formats and arrays', () => {
    expect(typeOf({ const: 'open' })).toBe('`"open"`');
    expect(typeOf({ enum: ['a', 1] })).toBe('`"a"` or `1`');
    expect(typeOf({ anyOf: ['GET', 'POST', 'PUT', 'DELETE'].map((v) => ({ const: v, type: 'string' })) })).toBe(
      'one of `"GET"`, `"POST"`, `"PUT"`, `"DELETE"`',
    );
    expect(typeOf({ type: ['string', 'null'] })).toBe('string or null');
    expect(typeOf({ type: 'string', format: 'date-time' })).toBe('string (date-time)');
    expect(typeOf({ type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } })).toBe(
      'array of (string or number)',
    );
    expect(typeOf({})).toBe('any');
  });
});

describe('constraints', () => {
  it('says in words what a value must be', () => {
    expect(
      constraints({ minLength: 1, writeOnly: true, default: 'x', pattern: '^a|b$', minimum: 1, maximum: 20 }),
    ).toEqual([
      'Secret: redacted from logs and run records.',
      'Default: `"x"`.',
      'Not empty.',
      '1 to 20.',
      'Pattern: `^a|b$`.',
    ]);
    expect(constraints({ minItems: 1, uniqueItems: true })).toEqual(['At least 1 item.', 'No duplicates.']);
    expect(constraints({ not: { enum: ['inputs', 'env'] } })).toEqual(['Not `"inputs"`, `"env"`.']);
    expect(constraints({ type: 'object', patternProperties: { '^[A-Z]+$': {} } })).toEqual(['Keys match `^[A-Z]+$`.']);
  });
});

describe('sentences', () => {
  it('puts a full stop between a description and its constraints only when it has none', () => {
    expect(sentences('HTTP method', ['Default: `"GET"`.'])).toBe('HTTP method. Default: `"GET"`.');
    expect(sentences('Deal name.', ['Not empty.'])).toBe('Deal name. Not empty.');
    expect(sentences('', ['Not empty.'])).toBe('Not empty.');
    expect(sentences('Title', [])).toBe('Title');
  });
});

describe('objectRules', () => {
  it('states exactly-one-of, conditional and dependent requirements', () => {
    expect(
      objectRules({
        oneOf: [{ required: ['content'] }, { required: ['contentBase64'] }],
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords
        allOf: [{ if: { properties: { kind: { const: 'basic' } } }, then: { required: ['username', 'password'] } }],
        dependentRequired: { refreshToken: ['clientId'] },
      }),
    ).toEqual([
      'Give exactly one of `content`, `contentBase64`.',
      'When `kind` is `"basic"`: `username`, `password` are required.',
      '`refreshToken` needs `clientId`.',
    ]);
  });
});

describe('schemaSection', () => {
  it('renders a table with the rules below it', () => {
    const section = schemaSection({
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'string', description: 'x | y' } },
      anyOf: [{ required: ['a'] }, { required: ['b'] }],
    });
    expect(section).toBe(
      [
        '| Field | Type | Required | Description |',
        '| --- | --- | --- | --- |',
        '| `a` | string | yes | x \\| y |',
        '',
        '- Give at least one of `a`, `b`.',
      ].join('\n'),
    );
  });

  it('describes a list of objects by its items, and plain values in a sentence', () => {
    expect(
      schemaSection({ type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } }),
    ).toMatch(/^A list; each item has these fields:\n\n\| Field .*\n.*\n\| `id` \| integer \| no \|/);
    expect(schemaSection({ type: 'string', minLength: 1 })).toBe('A value of type string. Not empty.');
    expect(schemaSection({ type: 'object', properties: {} })).toBe('No fields.');
  });
});
