import { describe, expect, it } from 'vitest';
import { Auth } from './auth.js';
import { type AnyAction, defineAction, defineConnector, isConnector } from './define.js';
import { DefinitionError } from './errors.js';
import { Type } from './schema.js';

const auth = Auth.none();
const action = (key: string) =>
  defineAction({
    key,
    title: key,
    input: Type.Object({}),
    output: Type.Object({}),
    async run() {
      return {};
    },
  });
const base = { title: 'T', description: 'D', categories: [], auth };

describe('defineConnector', () => {
  it('returns a connector recognised by shape', () => {
    const c = defineConnector({ ...base, name: 'ok-name', actions: [action('a.b')] });
    expect(isConnector(c)).toBe(true);
    expect(isConnector({ ...c, kind: 'other' })).toBe(false);
    expect(c.network).toEqual({ allow: [] });
  });

  it.each([
    [{ name: 'Bad Name', actions: [] }, '/name'],
    [{ name: 'x', actions: [action('Issues.Create')] }, '/actions/0/key'],
    [{ name: 'x', actions: [action('a'), action('a')] }, '/actions/1/key'],
    [{ name: 'x', actions: [{ ...action('a'), output: undefined } as unknown as AnyAction] }, '/actions/0/output'],
    [{ name: 'x', actions: [{ ...action('a'), auth: Auth.bearer() }] }, '/actions/0/auth'],
  ])('rejects %j at %s', (definition, pointer) => {
    let error: unknown;
    try {
      defineConnector({ ...base, ...definition });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).pointer).toBe(pointer);
  });
});
