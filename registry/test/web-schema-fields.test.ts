import { Type } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { describeSchema, type Field } from '../web/src/schema-fields.js';

// Manifests carry schemas as JSON, so the page never sees TypeBox's symbols.
const json = (schema: object): unknown => JSON.parse(JSON.stringify(schema));

/** name: type (required?) [constraints] { children }: the outline in one line per field. */
function outline(fields: Field[], indent = ''): string[] {
  return fields.flatMap((f) => [
    `${indent}${f.name}: ${f.type}${f.required ? ' (required)' : ''}${f.constraints.length ? ` [${f.constraints.join('; ')}]` : ''}${f.description ? ` - ${f.description}` : ''}`,
    ...outline(f.children, `${indent}  `),
  ]);
}

describe('describeSchema', () => {
  it('lists an object’s fields with type, required mark, description and limits', () => {
    const view = describeSchema(
      json(
        Type.Object({
          owner: Type.String({ description: 'Account that owns the repository', minLength: 1 }),
          per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30, description: 'Page size' })),
          url: Type.Optional(Type.String({ format: 'uri' })),
          state: Type.Union([Type.Literal('open'), Type.Literal('closed')], { description: 'Filter by state' }),
          draft: Type.Boolean(),
        }),
      ),
    );
    expect(view.type).toBe('object');
    expect(outline(view.fields)).toEqual([
      'owner: string (required) [at least 1 characters] - Account that owns the repository',
      'per_page: integer [1 to 100; default: 30] - Page size',
      'url: string [format: uri]',
      'state: "open" | "closed" (required) - Filter by state',
      'draft: boolean (required)',
    ]);
  });

  it('marks secret fields (writeOnly), as a connection schema has them', () => {
    const view = describeSchema(
      json(
        Type.Object({
          token: Type.String({ minLength: 1, writeOnly: true, description: 'Personal access token' }),
          baseUrl: Type.Optional(Type.String({ format: 'uri' })),
        }),
      ),
    );
    expect(outline(view.fields)).toEqual([
      'token: string (required) [at least 1 characters; secret: kept out of logs and run records] - Personal access token',
      'baseUrl: string [format: uri]',
    ]);
  });

  it('nests objects and arrays of objects, with paths to each field', () => {
    const view = describeSchema(
      json(
        Type.Object({
          issue: Type.Object({
            number: Type.Integer(),
            labels: Type.Array(Type.Object({ name: Type.String(), color: Type.Optional(Type.String()) })),
            assignee: Type.Union([Type.Object({ login: Type.String() }), Type.Null()]),
          }),
          tags: Type.Array(Type.String(), { uniqueItems: true, maxItems: 10 }),
        }),
      ),
    );
    expect(outline(view.fields)).toEqual([
      'issue: object (required)',
      '  number: integer (required)',
      '  labels: object[] (required)',
      '    name: string (required)',
      '    color: string',
      '  assignee: object | null (required)',
      '    login: string (required)',
      'tags: string[] (required) [at most 10 items; unique items]',
    ]);
    const labels = view.fields[0]?.children[1];
    expect(labels?.children.map((f) => f.path)).toEqual(['issue.labels[].name', 'issue.labels[].color']);
  });

  it('reads records, intersections and recursive types', () => {
    const Node = Type.Recursive((Self) => Type.Object({ id: Type.String(), children: Type.Array(Self) }), {
      $id: 'Node',
    });
    const view = describeSchema(
      json(
        Type.Object({
          headers: Type.Record(Type.String(), Type.String(), { description: 'Extra headers' }),
          both: Type.Intersect([Type.Object({ a: Type.String() }), Type.Object({ b: Type.Optional(Type.Number()) })]),
          tree: Node,
        }),
      ),
    );
    expect(outline(view.fields)).toEqual([
      'headers: object (required) - Extra headers',
      '  [key]: string',
      'both: object (required)',
      '  a: string (required)',
      '  b: number',
      'tree: object (required)',
      '  id: string (required)',
      '  children: object[] (required)',
      '    id: string (required)',
      '    children: Node[] (required)',
    ]);
  });

  it('follows local $refs into $defs', () => {
    const view = describeSchema({
      type: 'object',
      $defs: { user: { type: 'object', properties: { login: { type: 'string', description: 'Handle' } } } },
      properties: { author: { $ref: '#/$defs/user' }, reviewers: { type: 'array', items: { $ref: '#/$defs/user' } } },
    });
    expect(outline(view.fields)).toEqual([
      'author: object',
      '  login: string - Handle',
      'reviewers: object[]',
      '  login: string - Handle',
    ]);
  });

  it('describes values that are not objects, and the empty schema', () => {
    expect(describeSchema(json(Type.Array(Type.Object({ id: Type.String() }))))).toMatchObject({
      type: 'object[]',
      fields: [{ name: 'id', path: '[].id', type: 'string', required: true }],
    });
    expect(describeSchema(json(Type.String({ description: 'The body' })))).toEqual({
      type: 'string',
      description: 'The body',
      fields: [],
      truncated: false,
    });
    expect(describeSchema({})).toMatchObject({ type: 'any', fields: [] });
    expect(describeSchema(json(Type.Object({})))).toMatchObject({ type: 'object', fields: [] });
    expect(describeSchema({ type: ['string', 'null'] }).type).toBe('string | null');
    expect(describeSchema({ enum: ['a', 1, null] }).type).toBe('"a" | 1 | null');
  });

  it('survives hostile schemas: wrong shapes, cycles, depth, size and long enums', () => {
    expect(describeSchema('not a schema')).toMatchObject({ type: 'any', fields: [] });
    expect(describeSchema(null)).toMatchObject({ type: 'any', fields: [] });
    const odd = describeSchema({ type: 'object', properties: { a: 5, b: null, c: { type: 42 } }, required: 'a' });
    expect(odd.fields.map((f) => [f.name, f.type, f.required])).toEqual([['c', 'any', false]]);

    const cycle = describeSchema({ type: 'object', properties: { self: { $ref: '#' } } });
    expect(outline(cycle.fields)).toEqual(['self: object', '  self: #']);

    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 30; i++) deep = { type: 'object', properties: { next: deep } };
    const deepView = describeSchema(deep);
    expect(deepView.truncated).toBe(true);
    expect(outline(deepView.fields).length).toBeLessThan(12);

    const wide = {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`f${i}`, {}])),
    };
    const wideView = describeSchema(wide);
    expect(wideView.fields).toHaveLength(400);
    expect(wideView.truncated).toBe(true);

    const many = describeSchema({ enum: Array.from({ length: 50 }, (_, i) => `v${i}`) }).type;
    expect(many.endsWith('| … (38 more)')).toBe(true);
  });
});
