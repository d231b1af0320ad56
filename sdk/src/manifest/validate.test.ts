import { describe, expect, it } from 'vitest';
import { Auth } from '../auth.js';
import { defineAction, defineConnector } from '../define.js';
import { Type } from '../schema.js';
import { buildManifest } from './build.js';
import type { Manifest } from './types.js';
import { checkConventions, validateManifest } from './validate.js';

const auth = Auth.apiKey({ in: 'header', name: 'X-Api-Key' });
const list = defineAction({
  auth,
  key: 'items.list',
  title: 'List items',
  description: 'Lists items',
  input: Type.Object({ limit: Type.Integer({ minimum: 1, description: 'How many' }) }),
  output: Type.Object({ items: Type.Array(Type.String()) }),
  examples: [{ input: { limit: 2 }, output: { items: ['a', 'b'] } }],
  async run() {
    return { items: [] };
  },
});

function manifest(): Manifest {
  const connector = defineConnector({
    name: 'acme',
    title: 'Acme',
    description: 'Acme API',
    categories: ['crm'],
    auth,
    actions: [list],
    network: { allow: ['api.acme.test'] },
  });
  return buildManifest(connector, { name: '@acme/connector-acme', version: '1.2.3' });
}

describe('validateManifest', () => {
  it('accepts a manifest built from a well-formed connector, leaving it unchanged', () => {
    const m = manifest();
    const before = structuredClone(m);
    expect(validateManifest(m)).toEqual([]);
    expect(m).toEqual(before);
    expect(checkConventions(m)).toEqual([]);
    expect(m.auth).toMatchObject({ kind: 'apiKey', in: 'header', name: 'X-Api-Key', validate: false });
    expect(m.actions[0]?.input.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('locates a misspelt JSON Schema type inside an action input', () => {
    const m = manifest();
    (m.actions[0]?.input.properties as Record<string, { type: string }>).limit = { type: 'integr' };
    expect(validateManifest(m)).toEqual([
      expect.objectContaining({
        pointer: '/actions/0/input/properties/limit/type',
        message: 'is not a JSON Schema type',
      }),
    ]);
  });

  it('reports a missing output schema at its place', () => {
    const m = manifest();
    delete (m.actions[0] as Partial<Manifest['actions'][0]>).output;
    expect(validateManifest(m)).toEqual([
      expect.objectContaining({ pointer: '/actions/0/output', message: 'is required' }),
    ]);
  });

  it('catches an unknown keyword, usually a typo', () => {
    const m = manifest();
    (m.actions[0]?.output as Record<string, unknown>).minLenght = 3;
    const [issue] = validateManifest(m);
    expect(issue?.pointer).toBe('/actions/0/output');
    expect(issue?.message).toContain('unknown keyword: "minLenght"');
  });

  it('checks examples against the schemas they illustrate', () => {
    const m = manifest();
    m.actions[0]?.examples.push({ input: { limit: 0 }, output: { items: [1] } });
    expect(validateManifest(m).map((i) => i.pointer)).toEqual([
      '/actions/0/examples/1/input/limit',
      '/actions/0/examples/1/output/items/0',
    ]);
  });

  it('requires apiKey auth to say where the key goes', () => {
    const m = manifest();
    delete m.auth.in;
    expect(validateManifest(m)).toEqual([expect.objectContaining({ pointer: '/auth/in', message: 'is required' })]);
  });

  it('reports an action key used twice (a hand-edited or stale manifest)', () => {
    const m = manifest();
    const first = m.actions[0];
    if (!first) throw new Error('no action');
    m.actions.push(structuredClone(first));
    expect(validateManifest(m)).toEqual([
      {
        pointer: '/actions/1/key',
        message: 'repeats the key "items.list" of /actions/0',
        hint: 'Keys are unique across the actions and triggers of a connector: rename one.',
      },
    ]);
  });

  it('rejects a bad version and an unknown top-level field', () => {
    const m = { ...manifest(), version: 'v1', extra: true };
    expect(
      validateManifest(m)
        .map((i) => i.pointer)
        .sort(),
    ).toEqual(['/extra', '/version']);
  });
});

describe('checkConventions', () => {
  it('asks for descriptions and examples', () => {
    const m = manifest();
    const action = m.actions[0] as Manifest['actions'][0];
    delete action.description;
    action.examples = [];
    (action.input.properties as Record<string, Record<string, unknown>>).limit = { type: 'integer' };
    expect(checkConventions(m).map((i) => i.pointer)).toEqual([
      '/actions/0/description',
      '/actions/0/examples',
      '/actions/0/input/properties/limit/description',
    ]);
  });

  it('asks that a declared file field is a string field of the connection, and checks fs in the schema', () => {
    const m = { ...manifest(), fs: { connectionPaths: ['apiKey', 'filename'] } };
    expect(validateManifest(m)).toEqual([]);
    expect(checkConventions(m)).toEqual([
      expect.objectContaining({ pointer: '/fs/connectionPaths/1', message: expect.stringContaining('"filename"') }),
    ]);
    expect(validateManifest({ ...m, fs: { connectionPaths: ['apiKey'], siblingSuffixes: ['/../x'] } })).toEqual([
      expect.objectContaining({ pointer: '/fs/siblingSuffixes/0' }),
    ]);
  });
});
