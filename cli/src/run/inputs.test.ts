import { describe, expect, it } from 'vitest';
import { UserError } from '../user-error.js';
import { collectInputs, inputIssues } from './inputs.js';

const SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    count: { type: 'integer' },
    ratio: { type: 'number' },
    dry: { type: 'boolean' },
    filter: { type: 'object' },
    tags: { type: 'array' },
    limit: { type: ['integer', 'null'] },
    id: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
    note: { description: 'no type' },
  },
  required: ['name'],
};

const pairs = (...given: string[]) => collectInputs(SCHEMA, { pairs: given });

function mistake(run: () => unknown): { message: string; hint?: string; exitCode: number } {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return { message: error.message, hint: error.hint, exitCode: error.exitCode };
    throw error;
  }
  throw new Error('no UserError');
}

describe('collectInputs', () => {
  it("types each value by the property's schema", () => {
    expect(
      pairs(
        'name=Ada',
        'count=3',
        'ratio=-0.5',
        'dry=false',
        'filter={"a":[1]}',
        'tags=["x"]',
        'limit=null',
        'note=42',
      ),
    ).toEqual({
      name: 'Ada',
      count: 3,
      ratio: -0.5,
      dry: false,
      filter: { a: [1] },
      tags: ['x'],
      limit: null,
      note: '42',
    });
  });

  it('keeps text as text, including what looks like a number, and everything after the first =', () => {
    expect(pairs('name=007', 'id=a=b')).toEqual({ name: '007', id: 'a=b' });
    expect(pairs('id=12')).toEqual({ id: 12 });
  });

  it('puts --input values over the --input-file object', () => {
    const file = { path: '/tmp/in.json', value: { name: 'Bo', count: 1 } };
    expect(collectInputs(SCHEMA, { pairs: ['count=2'], file })).toEqual({ name: 'Bo', count: 2 });
  });

  it('says which input and which type when a value does not fit', () => {
    expect(mistake(() => pairs('count=1.5'))).toEqual({
      message: '--input count: "1.5" is not an integer',
      hint: "The workflow's inputs schema says so; e.g. --input count=3.",
      exitCode: 2,
    });
    expect(mistake(() => pairs('dry=yes')).message).toBe('--input dry: "yes" is not true or false');
    expect(mistake(() => pairs('limit=all')).message).toBe('--input limit: "all" is not null or an integer');
    expect(mistake(() => pairs('filter=[1]')).hint).toContain(`--input 'filter={"key":"value"}'`);
    expect(mistake(() => pairs('ratio=0x10')).message).toBe('--input ratio: "0x10" is not a number');
  });

  it('refuses names the schema does not list, a pair without =, and a name given twice', () => {
    expect(mistake(() => pairs('colour=red'))).toMatchObject({
      message: '--input colour: "colour" is not an input of this workflow',
      hint: expect.stringMatching(/^Its inputs: name, count, /),
    });
    expect(mistake(() => pairs('name')).message).toBe('--input "name" is not name=value');
    expect(mistake(() => pairs('=x')).message).toBe('--input "=x" is not name=value');
    expect(mistake(() => pairs('name=a', 'name=b')).message).toBe('--input name is given twice');
    const file = { path: '/tmp/in.json', value: { a: 1, b: 2 } };
    expect(mistake(() => collectInputs(SCHEMA, { pairs: [], file })).message).toBe(
      '/tmp/in.json: "a", "b" are not inputs of this workflow',
    );
    expect(mistake(() => collectInputs(SCHEMA, { pairs: [], file: { path: '/tmp/in.json', value: [] } })).message).toBe(
      '/tmp/in.json must hold an object of inputs',
    );
  });

  it('takes any name when the schema allows more properties', () => {
    const open = { type: 'object', additionalProperties: { type: 'string' } };
    expect(collectInputs(open, { pairs: ['anything=1'] })).toEqual({ anything: '1' });
    expect(mistake(() => collectInputs({ type: 'object' }, { pairs: ['x=1'] })).hint).toBe(
      'This workflow takes no inputs.',
    );
  });
});

describe('inputIssues', () => {
  it('locates what the schema refuses and says how to pass a missing input', () => {
    expect(inputIssues(SCHEMA, { count: 1 })).toEqual([
      {
        file: 'inputs',
        pointer: '/name',
        message: 'is required',
        hint: 'Pass --input name=<value> or put "name" in --input-file.',
      },
    ]);
    expect(inputIssues(SCHEMA, { name: 'a', filter: 'x' })).toEqual([
      { file: 'inputs', pointer: '/filter', message: 'must be object' },
    ]);
  });

  it('leaves the inputs as they were (defaults are the runtime’s to fill)', () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', default: 2 } } };
    const inputs = {};
    expect(inputIssues(schema, inputs)).toEqual([]);
    expect(inputs).toEqual({});
  });
});
