import { describe, expect, it } from 'vitest';
import { Auth } from '../auth.js';
import { defineAction, defineConnector } from '../define.js';
import { Type } from '../schema.js';
import { buildManifest, defaultsOptional } from './build.js';
import { validateManifest } from './validate.js';

const list = defineAction({
  key: 'items.list',
  title: 'List items',
  description: 'Lists items.',
  input: Type.Object({
    folder: Type.String({ description: 'Where' }),
    limit: Type.Integer({ default: 30, description: 'How many' }),
    sort: Type.Object({
      by: Type.String({ default: 'name' }),
      order: Type.Union([Type.Literal('asc'), Type.Literal('desc')]),
    }),
  }),
  output: Type.Object({ count: Type.Integer({ default: 0 }) }),
  // No limit and no sort.by: they have defaults. The types allow leaving them out.
  examples: [{ input: { folder: 'inbox', sort: { order: 'asc' } }, output: { count: 2 } }],
  async run({ input }) {
    // run gets the defaults filled in: limit is a number here, not number | undefined.
    return { count: input.limit > 0 ? 2 : 0 };
  },
});

const connector = defineConnector({
  name: 'items',
  title: 'Items',
  description: 'Items.',
  categories: [],
  auth: Auth.custom({ fields: Type.Object({ host: Type.String(), port: Type.Integer({ default: 443 }) }) }),
  actions: [list],
});

describe('buildManifest and defaults', () => {
  const manifest = buildManifest(connector, { name: '@acme/connector-items', version: '1.0.0' });

  it('leaves fields with a default out of required, in inputs and the connection, nested too', () => {
    const input = manifest.actions[0]?.input as {
      required?: string[];
      properties: Record<string, { required?: string[] }>;
    };
    expect(input.required).toEqual(['folder', 'sort']);
    expect(input.properties.sort?.required).toEqual(['order']);
    expect(manifest.auth.schema.required).toEqual(['host']);
    // Outputs are what an action returns: a default there does not make the field optional.
    expect(manifest.actions[0]?.output.required).toEqual(['count']);
  });

  it('drops required when every field has a default, and leaves other schemas alone', () => {
    expect(defaultsOptional({ type: 'object', properties: { a: { default: 1 } }, required: ['a'] })).toEqual({
      type: 'object',
      properties: { a: { default: 1 } },
    });
    const union = { anyOf: [{ type: 'object', properties: { a: { default: 1 } }, required: ['a'] }] };
    expect(defaultsOptional(union)).toEqual(union);
  });

  it('validate names a required field an example leaves out, which the types no longer catch', () => {
    expect(validateManifest(manifest)).toEqual([]);
    const broken = structuredClone(manifest);
    if (broken.actions[0]) broken.actions[0].examples = [{ input: { sort: { order: 'asc' } } }];
    expect(validateManifest(broken)).toEqual([
      expect.objectContaining({ pointer: '/actions/0/examples/0/input/folder', message: 'is required' }),
    ]);
  });
});

describe('idempotent actions', () => {
  it('carries idempotent: true into the manifest, leaves it out otherwise, and the schema accepts it', () => {
    const get = defineAction({ ...list, key: 'items.get', idempotent: true });
    const built = buildManifest(
      { ...connector, actions: [list, get] },
      { name: '@acme/connector-items', version: '1.0.0' },
    );
    expect(built.actions.map((a) => [a.key, a.idempotent])).toEqual([
      ['items.list', undefined],
      ['items.get', true],
    ]);
    expect(validateManifest(built)).toEqual([]);
    const wrong = { ...built, actions: [{ ...built.actions[1], idempotent: 'yes' }] };
    expect(validateManifest(wrong).map((i) => i.pointer)).toContain('/actions/0/idempotent');
  });
});
