import { describe, expect, it } from 'vitest';
import { Auth } from './auth.js';
import { contractFor } from './contract.js';
import { defineAction, defineConnector } from './define.js';
import { ValidationError } from './errors.js';
import { buildManifest } from './manifest/build.js';
import { Type } from './schema.js';

const echo = defineAction({
  key: 'echo',
  title: 'Echo',
  input: Type.Object(
    { text: Type.String(), tags: Type.Optional(Type.Array(Type.String())), loud: Type.Boolean({ default: false }) },
    { additionalProperties: true },
  ),
  output: Type.Object({ text: Type.String() }, { additionalProperties: true }),
  async run({ input }) {
    return { text: input.text };
  },
});
const contract = contractFor(
  buildManifest(
    defineConnector({
      name: 'echo',
      title: 'Echo',
      description: 'Echoes its input',
      categories: ['developer-tools'],
      auth: Auth.none(),
      actions: [echo],
    }),
    {
      name: '@acme/connector-echo',
      version: '1.0.0',
    },
  ),
);

describe('contractFor checks', () => {
  it('fills defaults into a copy and leaves the caller’s value as it was', () => {
    const input = { text: 'hi', tags: ['a'], nested: { deep: [1, { x: 2 }] } };
    const checked = contract.checkInput('echo', input) as typeof input & { loud: boolean };
    expect(checked).toEqual({ ...input, loud: false });
    expect(checked).not.toBe(input);
    expect(checked.tags).not.toBe(input.tags);
    expect(checked.nested.deep[1]).not.toBe(input.nested.deep[1]);
    expect(input).not.toHaveProperty('loud');
  });

  it('keeps a "__proto__" field an own field of the copy, as structuredClone does', () => {
    const input = JSON.parse('{"text":"hi","__proto__":{"polluted":true}}');
    const checked = contract.checkInput('echo', input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(checked)).toBe(Object.prototype);
    expect(Object.hasOwn(checked, '__proto__')).toBe(true);
    expect((checked as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('copies values that are not plain JSON the way structuredClone does', () => {
    const when = new Date('2026-01-02T03:04:05Z');
    const cyclic: Record<string, unknown> = { text: 'hi' };
    cyclic.self = cyclic;
    const dated = contract.checkInput('echo', { text: 'hi', when }) as { when: Date };
    expect(dated.when).toBeInstanceOf(Date);
    expect(dated.when).not.toBe(when);
    expect(dated.when.getTime()).toBe(when.getTime());
    const copy = contract.checkInput('echo', cyclic) as Record<string, unknown>;
    expect(copy.self).toBe(copy);
    expect(() => contract.checkInput('echo', { text: 'hi', run: () => 1 })).toThrow(/could not be cloned/);
  });

  it('reports an output that breaks its schema, however often the checker is reused', () => {
    expect(contract.checkOutput('echo', { text: 'ok' })).toEqual({ text: 'ok' });
    for (let i = 0; i < 2; i++) {
      expect(() => contract.checkOutput('echo', { text: 3 })).toThrow(ValidationError);
    }
  });
});
