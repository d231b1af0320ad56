import { describe, expect, it } from 'vitest';
import { Auth } from './auth.js';
import { defineAction, defineConnector } from './define.js';
import { ValidationError } from './errors.js';
import { runAction, testConnection } from './harness.js';
import { Type } from './schema.js';

const auth = Auth.bearer();

const greet = defineAction({
  auth,
  key: 'greet',
  title: 'Greet',
  description: 'Says hello',
  input: Type.Object({ name: Type.String({ minLength: 1 }), excited: Type.Boolean({ default: false }) }),
  output: Type.Object({ text: Type.String() }),
  async run({ input, auth }) {
    return { text: `hello ${input.name}${input.excited ? '!' : ''} (${auth.token.length})` };
  },
});

const broken = defineAction({
  key: 'broken',
  title: 'Broken',
  input: Type.Object({}),
  output: Type.Object({ n: Type.Integer() }),
  async run() {
    return { n: 'nope' } as unknown as { n: number };
  },
});

const connector = defineConnector({
  name: 'demo',
  title: 'Demo',
  description: 'Demo connector',
  categories: ['developer-tools'],
  auth,
  actions: [greet, broken],
});

function unexpected(): never {
  throw new Error('expected a rejection');
}

describe('runAction', () => {
  it('checks input, fills defaults and returns the output', async () => {
    await expect(runAction(connector, 'greet', { name: 'Ada' }, { auth: { token: 'abc' } })).resolves.toEqual({
      text: 'hello Ada (3)',
    });
  });

  it('rejects input that breaks the schema, naming the field', async () => {
    const error = await runAction(connector, 'greet', { name: '' }, { auth: { token: 'abc' } }).then(
      unexpected,
      (e: ValidationError) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([expect.objectContaining({ pointer: '/input/name' })]);
  });

  it('rejects a connection without the required field', async () => {
    const error = await runAction(connector, 'greet', { name: 'x' }, { auth: {} }).then(
      unexpected,
      (e: ValidationError) => e,
    );
    expect(error.issues).toEqual([expect.objectContaining({ pointer: '/auth/token', message: 'is required' })]);
  });

  it('rejects output that breaks the output schema', async () => {
    const error = await runAction(connector, 'broken', {}, { auth: { token: 'abc' } }).then(
      unexpected,
      (e: ValidationError) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('returned output that breaks its schema');
    expect(error.issues[0]?.pointer).toBe('/output/n');
  });

  it('names the known actions when the key is unknown', async () => {
    await expect(runAction(connector, 'nope', {}, { auth: { token: 'a' } })).rejects.toMatchObject({
      code: 'E_UNKNOWN_ACTION',
      hint: 'Known actions: greet, broken.',
    });
  });

  it('testConnection checks the connection fields', async () => {
    await expect(testConnection(connector, { token: '' })).rejects.toBeInstanceOf(ValidationError);
    await expect(testConnection(connector, { token: 't' })).resolves.toBeUndefined();
  });
});
