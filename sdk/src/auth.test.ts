import { describe, expect, expectTypeOf, it } from 'vitest';
import { Auth, type AuthDefinition, type AuthValue, type BearerValue } from './auth.js';
import { defineAction, defineConnector } from './define.js';
import { DefinitionError, ValidationError } from './errors.js';
import { testConnection } from './harness.js';
import { createHttpClient } from './http/client.js';
import { buildManifest } from './manifest/build.js';
import { Type, toJsonSchema } from './schema.js';

const withBaseUrl = () =>
  Auth.bearer({
    description: 'Personal access token',
    fields: { baseUrl: Type.Optional(Type.String({ format: 'uri', description: 'API root' })) },
    validate: async () => {},
  });

describe('Auth.bearer', () => {
  it('declares only the token, as a required secret, when given no fields', () => {
    expect(toJsonSchema(Auth.bearer().schema)).toEqual({
      type: 'object',
      properties: { token: { type: 'string', minLength: 1, writeOnly: true, description: 'Bearer token' } },
      required: ['token'],
    });
  });

  it('adds extra fields beside the token, which stays the one required secret', () => {
    expect(toJsonSchema(withBaseUrl().schema)).toEqual({
      type: 'object',
      properties: {
        token: { type: 'string', minLength: 1, writeOnly: true, description: 'Personal access token' },
        baseUrl: { type: 'string', format: 'uri', description: 'API root' },
      },
      required: ['token'],
    });
  });

  it('types the connection value as the token plus the fields, and validate receives it', () => {
    const auth = withBaseUrl();
    expectTypeOf<AuthValue<typeof auth>>().toEqualTypeOf<BearerValue & { baseUrl?: string }>();
    expectTypeOf<Parameters<NonNullable<typeof auth.validate>>[0]>().toEqualTypeOf<
      BearerValue & { baseUrl?: string }
    >();
    const plain = Auth.bearer();
    expectTypeOf<AuthValue<typeof plain>>().toEqualTypeOf<BearerValue>();
  });

  it('fits wherever any auth definition goes: connector, action, HTTP client', () => {
    const auth = withBaseUrl();
    expectTypeOf(auth).toExtend<AuthDefinition>();
    expectTypeOf(createHttpClient<typeof auth>).toBeCallableWith({
      auth: { definition: auth, value: { token: 't', baseUrl: 'https://ghe.example.test/api/v3' } },
    });
    const action = defineAction({
      auth,
      key: 'ping',
      title: 'Ping',
      input: Type.Object({}),
      output: Type.Object({ host: Type.String() }),
      async run({ auth }) {
        expectTypeOf(auth).toEqualTypeOf<BearerValue & { baseUrl?: string }>();
        return { host: auth.baseUrl ?? 'default' };
      },
    });
    const connector = defineConnector({
      name: 'pinger',
      title: 'Pinger',
      description: 'Pings',
      categories: ['developer-tools'],
      auth,
      actions: [action],
    });
    expect(buildManifest(connector, { name: 'pinger', version: '1.0.0' }).auth).toMatchObject({
      kind: 'bearer',
      validate: true,
      schema: { properties: { token: { writeOnly: true }, baseUrl: { format: 'uri' } }, required: ['token'] },
    });
  });

  it('checks the extra fields before validate sees them', async () => {
    const seen: unknown[] = [];
    const auth = Auth.bearer({
      fields: { baseUrl: Type.Optional(Type.String({ format: 'uri' })) },
      validate: async (connection) => {
        seen.push(connection);
      },
    });
    const connector = defineConnector({ name: 'c', title: 'C', description: 'C', categories: [], auth, actions: [] });

    await testConnection(connector, { token: 't', baseUrl: 'https://ghe.example.test/api/v3' });
    await testConnection(connector, { token: 't' });
    await expect(testConnection(connector, { token: 't', baseUrl: 'not a url' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(seen).toEqual([{ token: 't', baseUrl: 'https://ghe.example.test/api/v3' }, { token: 't' }]);
  });

  it('refuses fields that would redefine the token', () => {
    // @ts-expect-error: the token is Auth.bearer's own secret field
    expect(() => Auth.bearer({ fields: { token: Type.String() } })).toThrow(DefinitionError);
  });
});
