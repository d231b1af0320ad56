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

describe('defineAction with a custom connection', () => {
  it('types run with required custom fields and accepts the auth in a connector', async () => {
    const custom = Auth.custom({
      fields: Type.Object({ token: Type.String(), baseUrl: Type.Optional(Type.String()) }),
      validate: async (a) => {
        if (!a.token) throw new Error('no token');
      },
    });
    const who = defineAction({
      auth: custom,
      key: 'who',
      title: 'Who',
      input: Type.Object({}),
      output: Type.Object({ url: Type.String() }),
      async run({ auth }) {
        return { url: `${auth.baseUrl ?? 'https://api.example.test'}/${auth.token.length}` };
      },
    });
    const c = defineConnector({ ...base, name: 'custom', auth: custom, actions: [who] });
    expect(c.actions).toHaveLength(1);
  });
});
